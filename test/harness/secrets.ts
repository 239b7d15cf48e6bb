/** Everything an error could show a user or a log: message, description, context, cause chain. */
export function everythingVisibleIn(value: unknown): string {
	const seen = new Set<unknown>();
	const parts: string[] = [];
	const visit = (current: unknown, depth: number) => {
		if (current === null || current === undefined || depth > 8) return;
		if (typeof current !== 'object') {
			parts.push(String(current));
			return;
		}
		if (seen.has(current)) return;
		seen.add(current);
		if (current instanceof Error) parts.push(current.message, current.stack ?? '');
		for (const key of Object.getOwnPropertyNames(current)) {
			visit((current as Record<string, unknown>)[key], depth + 1);
		}
	};
	visit(value, 0);
	return parts.join('\n');
}

export function expectNoSecrets(value: unknown, secrets: string[]) {
	const text = everythingVisibleIn(value);
	for (const secret of secrets) {
		if (secret && text.includes(secret)) {
			throw new Error(
				`A secret leaked into what the user or a log can see: ...${secret.slice(0, 3)}...`,
			);
		}
	}
}
