// The suite's counting: one line per check, and the last line `e2e: N passed, M failed`
// (scripts/check.mjs reads it).
export function createReport() {
	const totals = { passed: 0, failed: 0, todo: 0, limits: 0 };
	const started = Date.now();
	const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
	const indented = (error) =>
		String(error?.message ?? error)
			.split('\n')
			.join('\n     ');

	return {
		totals,
		/** Runs one check: `ok   <name> (time)` or `FAIL <name> (time)` with the reason below. */
		async check(name, body) {
			const begin = Date.now();
			try {
				await body();
				totals.passed++;
				console.log(`ok   ${name} (${seconds(begin)})`);
			} catch (error) {
				totals.failed++;
				console.log(`FAIL ${name} (${seconds(begin)})\n     ${indented(error)}`);
			}
		},
		/** Something run but not counted yet, with the reason: `todo <name>: <reason>`. */
		todo(name, reason) {
			totals.todo++;
			console.log(`todo ${name}: ${reason}`);
		},
		/** A known limit measured, not counted, with why: `limit <name>: <reason>`. */
		limit(name, reason) {
			totals.limits++;
			console.log(`limit ${name}: ${reason}`);
		},
		/** A failure outside any check (the setup), counted as one. */
		fail(what, error) {
			totals.failed++;
			console.log(`FAIL ${what}: ${error?.stack ?? error}`);
		},
		/** Prints the summary; returns the exit status. */
		finish() {
			const uncounted = [
				totals.todo && `${totals.todo} todo`,
				totals.limits && `${totals.limits} known limits measured`,
			].filter(Boolean);
			console.log(
				`\nend-to-end took ${seconds(started)}${uncounted.length ? ` (${uncounted.join(', ')}, not counted)` : ''}`,
			);
			console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
			return totals.failed === 0 ? 0 : 1;
		},
	};
}
