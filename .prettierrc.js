// n8n's settings, as in n8n-io/n8n-nodes-starter's .prettierrc.js (the same tabs, single quotes
// and trailing commas as n8n's own repository, which prints at 120 instead of 100).
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
