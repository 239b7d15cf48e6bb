const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles the TypeScript; icons must be copied beside the compiled nodes, and the package
// entry (index.js) into dist/, so the tarball holds only dist/, README, LICENSE and package.json.
task('build:icons', copyIcons);

function copyIcons() {
	const nodeSource = path.resolve('nodes', '**', '*.{png,svg}');
	const nodeDestination = path.resolve('dist', 'nodes');
	src(nodeSource, { encoding: false }).pipe(dest(nodeDestination));

	src('index.js').pipe(dest('dist'));

	const credSource = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve('dist', 'credentials');
	return src(credSource, { encoding: false }).pipe(dest(credDestination));
}
