// Screenshots of the real n8n editor with each provider's node open, for the README.
//
//   npm run screenshots          → docs/screenshots/<provider>-*.png
//   npm run screenshots -- --n8n <version>   another n8n than the newest tested 2.x
//   npm run screenshots -- --only next-engine   one provider's pictures only (file name or simulator)
//
// Starts the same instance as `npm run demo` (on a free port), logs in, and drives Debian's
// Chromium (headless) over the DevTools protocol: no browser download, no extra npm package.
// Installs Chromium and a Japanese font with apt-get when missing (needs root, as on the machines here).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	freePort,
	n8nVersionFromArgs,
	prepareWorkflow,
	root,
	say,
	startServer,
} from './n8n/index.mjs';

// Node 20 has the WebSocket client only behind a flag; run again with it.
if (typeof globalThis.WebSocket === 'undefined') {
	const again = spawnSync(
		process.execPath,
		['--experimental-websocket', ...process.argv.slice(1)],
		{ stdio: 'inherit' },
	);
	process.exit(again.status ?? 1);
}

const { prepareDemoInstance } = await import('./demo.mjs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const outputDir = path.join(root, 'docs', 'screenshots');
const WIDTH = 1440;
const HEIGHT = 900;

/** Debian's chromium, and a Japanese font (provider data holds Japanese text). */
function ensureChromium() {
	const hasJapaneseFont = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).stdout?.trim();
	const missing = [
		...(existsSync(CHROMIUM) ? [] : ['chromium']),
		...(hasJapaneseFont ? [] : ['fonts-noto-cjk']),
	];
	if (!missing.length) return;
	say(`installing ${missing.join(', ')} (apt-get) …`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', ...missing]]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
	}
}

async function launchChromium() {
	const profile = mkdtempSync(path.join(os.tmpdir(), 'jp-connect-chromium-'));
	const port = await freePort();
	const child = spawn(
		CHROMIUM,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--hide-scrollbars',
			`--user-data-dir=${profile}`,
			`--remote-debugging-port=${port}`,
			`--window-size=${WIDTH},${HEIGHT}`,
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let pageSocketUrl;
	for (let attempt = 0; attempt < 60 && !pageSocketUrl; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		try {
			const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
			pageSocketUrl = targets.find((target) => target.type === 'page')?.webSocketDebuggerUrl;
		} catch {
			// not up yet
		}
	}
	if (!pageSocketUrl) {
		child.kill('SIGTERM');
		throw new Error('chromium did not start');
	}
	const socket = new WebSocket(pageSocketUrl);
	await new Promise((resolve, reject) => {
		socket.onopen = resolve;
		socket.onerror = reject;
	});
	let nextId = 1;
	const pending = new Map();
	const listeners = [];
	socket.onmessage = (event) => {
		const message = JSON.parse(event.data);
		if (message.id && pending.has(message.id)) {
			const { resolve, reject } = pending.get(message.id);
			pending.delete(message.id);
			if (message.error) reject(new Error(message.error.message));
			else resolve(message.result);
		} else if (message.method) {
			for (const listener of listeners) listener(message);
		}
	};
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject });
			socket.send(JSON.stringify({ id, method, params }));
		});
	const evaluate = async (expression) =>
		(await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result
			?.value;
	const waitFor = async (expression, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (await evaluate(`Boolean(${expression})`)) return true;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`timed out waiting for ${expression}`);
	};
	return {
		send,
		evaluate,
		waitFor,
		async goto(url) {
			await send('Page.navigate', { url });
		},
		async screenshot(file) {
			const { data } = await send('Page.captureScreenshot', { format: 'png' });
			writeFileSync(file, Buffer.from(data, 'base64'));
			say(`saved ${path.relative(root, file)}`);
		},
		async close() {
			socket.close();
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pictures beyond each provider file's one node, for the README's walkthroughs: example
 * workflows the demo does not import, with the provider's first credential picked in them.
 */
const EXTRA_SHOTS = {
	nextEngine: [
		{
			example: 'next-engine/first-login.json',
			id: 'jpcNextEngShot01',
			node: 'Exchange Login',
			file: 'next-engine-first-login-node.png',
		},
		{
			example: 'next-engine/keep-pair-alive.json',
			id: 'jpcNextEngShot02',
			node: 'Check token pair',
			file: 'next-engine-check-pair-node.png',
			workflowFile: 'next-engine-keep-pair-alive-workflow.png',
			execute: true,
			// every field of the one output item, not a table cut off at the panel's edge
			outputView: 'JSON',
		},
	],
};

/** `--only a,b`: provider file names (next-engine) or simulator names (nextEngine). */
function onlyFromArgs(args) {
	const at = args.indexOf('--only');
	return at === -1 ? undefined : args[at + 1]?.split(',');
}

function isChosen(plan, only) {
	const fileName = plan.provider.file?.replace(/\.mjs$/, '');
	return !only || only.includes(plan.provider.simulator) || only.includes(fileName);
}

function extraShotsOf(plan) {
	const credential = Object.values(plan.credentials)[0];
	return (EXTRA_SHOTS[plan.provider.simulator] ?? []).map((shot) => ({
		...shot,
		workflow: prepareWorkflow(shot.example, {
			id: shot.id,
			credentials: { [credential.type]: credential },
		}),
	}));
}

async function showWorkflow(browser, editor, workflowId, file) {
	await browser.goto(`${editor.base}/workflow/${workflowId}`);
	await browser.waitFor(`document.querySelector('[data-test-id="canvas-node"]')`);
	await settle(2500);
	await browser.screenshot(path.join(outputDir, file));
}

/**
 * The node's panel open; with `execute`, after "Execute step" showed its output, in the output
 * panel's `outputView` (Table, JSON, Schema) when given.
 */
async function showNode(browser, editor, workflowId, nodeId, file, { execute, outputView } = {}) {
	await browser.goto(`${editor.base}/workflow/${workflowId}/${nodeId}`);
	await browser.waitFor(`document.querySelector('[data-test-id="ndv"]')`);
	await settle(1500);
	if (execute) {
		await browser.evaluate(
			`document.querySelector('[data-test-id="node-execute-button"]')?.click()`,
		);
		await browser
			.waitFor(
				`[...document.querySelectorAll('span, div')].some((element) => element.childElementCount === 0 && /^\\d+ items?$/.test(element.textContent.trim()))`,
				30_000,
			)
			.catch(() => say('no output shown after "Execute step"; taking the picture anyway'));
	}
	if (outputView) {
		// the output panel is the last one in the page: its switch is the last with this label
		await browser.evaluate(
			`[...document.querySelectorAll('[data-test-id="ndv"] label, [data-test-id="ndv"] button')].filter((element) => element.textContent.trim() === ${JSON.stringify(outputView)}).pop()?.click()`,
		);
	}
	await settle(2000);
	await browser.screenshot(path.join(outputDir, file));
}

async function takePictures(browser, editor, plans, extraShots) {
	await browser.send('Page.enable');
	await browser.send('Network.enable');
	await browser.send('Emulation.setDeviceMetricsOverride', {
		width: WIDTH,
		height: HEIGHT,
		deviceScaleFactor: 1,
		mobile: false,
	});
	const [name] = editor.cookie.split('=');
	await browser.send('Network.setCookie', {
		name,
		value: editor.cookie.slice(name.length + 1),
		domain: 'localhost',
		path: '/',
	});

	for (const plan of plans) {
		const shot = plan.provider.screenshot;
		if (!shot) continue;
		const prefix = plan.provider.simulator.replace(
			/[A-Z]/g,
			(letter) => `-${letter.toLowerCase()}`,
		);
		const entry = plan.workflows.find((workflow) => workflow.key === shot.workflow);
		const node = entry.workflow.nodes.find((candidate) => candidate.name === shot.node);
		await showWorkflow(browser, editor, entry.id, `${prefix}-workflow.png`);
		await showNode(browser, editor, entry.id, node.id, `${prefix}-node.png`, { execute: true });

		for (const extra of extraShots.get(plan)) {
			const extraNode = extra.workflow.nodes.find((candidate) => candidate.name === extra.node);
			if (extra.workflowFile) await showWorkflow(browser, editor, extra.id, extra.workflowFile);
			await showNode(browser, editor, extra.id, extraNode.id, extra.file, extra);
		}

		const credential = Object.values(plan.credentials)[0];
		await browser.goto(`${editor.base}/home/credentials/${credential.id}`);
		await browser
			.waitFor(`document.querySelector('[data-test-id="editCredential-modal"], .el-dialog')`)
			.catch(() => undefined);
		await settle(2500);
		await browser.screenshot(path.join(outputDir, `${prefix}-credential.png`));
	}
}

async function main() {
	const args = process.argv.slice(2);
	const only = onlyFromArgs(args);
	ensureChromium();
	const editorPort = await freePort();
	const n8nVersion = n8nVersionFromArgs(args);
	const instance = await prepareDemoInstance({ n8nVersion, ephemeral: true, editorPort });
	// everything started is stopped again, whichever step fails
	try {
		const plans = instance.plans.filter((plan) => isChosen(plan, only));
		const extraShots = new Map(plans.map((plan) => [plan, extraShotsOf(plan)]));
		const extraWorkflows = [...extraShots.values()].flat().map((shot) => shot.workflow);
		if (extraWorkflows.length) await instance.n8n.importWorkflows(extraWorkflows);
		const editor = await startServer(instance, editorPort);
		try {
			const browser = await launchChromium();
			mkdirSync(outputDir, { recursive: true });
			try {
				await takePictures(browser, editor, plans, extraShots);
			} finally {
				await browser.close();
			}
		} finally {
			await editor.stop();
		}
	} finally {
		await instance.sim.stop();
		rmSync(instance.userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error?.stack ?? error);
	process.exit(1);
});
