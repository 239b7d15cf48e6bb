// The provider files of test/e2e/providers/ made concrete for one simulator run: the credential
// records and example workflows to import into n8n. The suite, the demo and the screenshots
// all import the same.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { examplesDir, providersDir } from './repo.mjs';

/**
 * Provider files: test/e2e/providers/<provider>.mjs, each `export default` an object (see
 * test/e2e/providers/README.md). Adding a provider = adding a file there; nothing else changes.
 */
export async function loadProviders(only) {
	const files = readdirSync(providersDir)
		.filter((file) => file.endsWith('.mjs'))
		.sort();
	const providers = [];
	for (const file of files) {
		const provider = (await import(pathToFileURL(path.join(providersDir, file)).href)).default;
		provider.file = file;
		const name = file.replace(/\.mjs$/, '');
		if (!only || only.includes(provider.simulator) || only.includes(name)) providers.push(provider);
	}
	return providers;
}

/**
 * Reads an example workflow and makes it ready to import: its id, and every node credential
 * pointed at the imported credential of that type (`credentials` maps a type to the credential
 * record to use), and plain text replacements (e.g. the real API host → the simulator).
 */
export function prepareWorkflow(example, { id, name, credentials, replace = {} }) {
	let text = readFileSync(path.join(examplesDir, example), 'utf8');
	for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
	const workflow = JSON.parse(text);
	workflow.id = id;
	if (name) workflow.name = name;
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = credentials[type];
			if (!credential) {
				throw new Error(
					`${example}: node "${node.name}" needs a ${type} credential and the provider file gives none`,
				);
			}
			node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	return workflow;
}

/** One provider's credentials (by name) and workflows, ready to import. */
function planProvider(provider, url) {
	const providerCredentials = provider.credentials({ url });
	const byName = Object.fromEntries(
		providerCredentials.map((credential) => [credential.name, credential]),
	);
	const defaults = {};
	for (const credential of providerCredentials) defaults[credential.type] ??= credential;
	const workflows = provider.workflows({ url }).map((entry) => {
		const chosen = { ...defaults };
		for (const [type, credentialName] of Object.entries(entry.credentials ?? {})) {
			chosen[type] = byName[credentialName];
		}
		const workflow = prepareWorkflow(entry.example, {
			id: entry.id,
			name: entry.name,
			credentials: chosen,
			replace: entry.replace,
		});
		return { ...entry, workflow };
	});
	return { provider, url, credentials: byName, workflows, credentialList: providerCredentials };
}

/**
 * Everything the providers declare, made concrete for one simulator run: the credential records
 * and the workflows to import (with ids), and per provider its plan.
 */
export function planImports(providers, simulatorUrls) {
	const credentials = [];
	const workflows = [];
	const plans = [];
	for (const provider of providers) {
		const url = simulatorUrls[provider.simulator];
		if (!url) {
			throw new Error(
				`${provider.file}: simulator "${provider.simulator}" is not running (see test/simulators/index.ts)`,
			);
		}
		const { credentialList, ...plan } = planProvider(provider, url);
		credentials.push(...credentialList);
		workflows.push(...plan.workflows.map((entry) => entry.workflow));
		plans.push(plan);
	}
	return { credentials, workflows, plans };
}
