// Places in this repository that the real-n8n tooling works with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const examplesDir = path.join(root, 'examples');
/** One file per provider: credential templates, example workflows to import, e2e checks. */
export const providersDir = path.join(root, 'test', 'e2e', 'providers');
export const PACKAGE_NAME = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name;
