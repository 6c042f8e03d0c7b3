/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js', '<rootDir>/test/**/*.test.mjs'],
	testPathIgnorePatterns: ['/node_modules/', '/dist/'],
	// dist/package.json (copied by the build) has the same "name" as package.json: keep it out of
	// jest's module map (silences the haste collision warning; dist/**/*.js stay requirable).
	modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
	transform: {},
	testTimeout: 60000,
};
