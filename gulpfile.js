// Copies the node and credential icons (and codex JSON files) next to the compiled JavaScript.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyAssets(folder) {
	return () =>
		src([`${folder}/**/*.{png,svg}`, `${folder}/**/*.node.json`], { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
}

const copyIcons = () =>
	src('icons/**/*.svg', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));

task('build:icons', parallel(copyIcons, copyAssets('nodes'), copyAssets('credentials')));
