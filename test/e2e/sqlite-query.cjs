// Runs one read query against an n8n SQLite database and prints the rows as JSON.
// Run with the Node that the n8n install was built for, so its native `sqlite3` module loads:
//   <node> sqlite-query.cjs <n8n install dir> <database file> <sql> [json params]
'use strict';
const path = require('node:path');

const [installDir, dbFile, sql, params = '[]'] = process.argv.slice(2);
const sqlite3 = require(require.resolve('sqlite3', { paths: [path.join(installDir, 'node_modules', 'n8n')] }));

const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (openError) => {
	if (openError) fail(openError);
	db.configure('busyTimeout', 10000);
	db.all(sql, JSON.parse(params), (queryError, rows) => {
		if (queryError) fail(queryError);
		process.stdout.write(JSON.stringify(rows));
		db.close();
	});
});

function fail(error) {
	process.stderr.write(`sqlite-query: ${error.message}\n`);
	process.exit(1);
}
