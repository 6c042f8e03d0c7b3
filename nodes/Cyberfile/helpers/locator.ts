import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { inputError } from '../transport';

/** The root folder's value in folder locators, as n8n's Google Drive node names it. */
export const ROOT_FOLDER = 'root';
export const ROOT_FOLDER_NAME = '/ (Root folder)';

export type LocatorKind = 'file' | 'folder';

/** What a locator points at: a numeric id, the root folder, or a file's short URL code. */
export type Target = { id: string } | { root: true } | { shortUrl: string };

const FOLDER_URL = /\/folder\/(\d+)(?:[/?#]|$)/i;
const FILE_URL = /^https?:\/\/[^/]+\/([A-Za-z0-9]+)(?:~[a-z])?(?:[/?#]|$)/i;

/**
 * Cleans a pasted id the way people (and AI agents) paste them: surrounding whitespace and
 * quotes, trailing dots and commas, a leading '#', or a whole link.
 */
export function cleanIdText(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^["'`<]+|["'`>]+$/g, '')
		.replace(/[\s.,;:!?)]+$/g, '')
		.replace(/^#/, '')
		.trim();
}

/** Reads a locator's raw value, whether the parameter holds a locator object or a plain value. */
function rawValue(parameter: unknown): { mode: string; value: unknown } {
	if (parameter && typeof parameter === 'object' && '__rl' in (parameter as object)) {
		const locator = parameter as INodeParameterResourceLocator;
		return { mode: String(locator.mode), value: locator.value };
	}
	return { mode: 'id', value: parameter };
}

/** Parses a locator value into a target, or explains what is wrong with it. */
export function parseTarget(kind: LocatorKind, value: unknown): Target | string {
	if (value !== null && typeof value === 'object') {
		return `must be an id or a link, not an object (${JSON.stringify(value).slice(0, 60)})`;
	}
	const text = cleanIdText(value);
	if (kind === 'folder' && (text === '' || /^(root|\/|0|null)$/i.test(text))) return { root: true };
	if (text === '') return 'is empty';
	if (/^\d+$/.test(text)) return { id: text.replace(/^0+(?=\d)/, '') };
	if (/^https?:\/\//i.test(text)) {
		const folder = FOLDER_URL.exec(text);
		if (folder) {
			return kind === 'folder' ? { id: folder[1] } : 'is a folder link, but a file is expected here';
		}
		const file = FILE_URL.exec(text);
		if (file && kind === 'file') return { shortUrl: file[1] };
		return kind === 'folder'
			? `"${text}" is not a Cyberfile folder link (expected …/folder/<id>/<name>)`
			: `"${text}" is not a Cyberfile file link (expected https://<site>/<code>)`;
	}
	return `"${text.slice(0, 80)}" is not a ${kind} id: ids are numbers, such as 1253`;
}

/** Reads a file or folder locator parameter and returns its target; rejects bad input. */
export function getTarget(
	context: IExecuteFunctions,
	parameterName: string,
	kind: LocatorKind,
	itemIndex: number,
	displayName = parameterName,
): Target {
	return checkedTarget(context, kind, context.getNodeParameter(parameterName, itemIndex, ''), itemIndex, displayName);
}

/**
 * A locator's value as a target, whether it came from a parameter or from a field of a
 * collection (`updateFields.folderId`); rejects bad input, naming the parameter.
 */
export function checkedTarget(
	context: IExecuteFunctions,
	kind: LocatorKind,
	parameter: unknown,
	itemIndex: number,
	displayName: string,
): Target {
	const target = parseTarget(kind, rawValue(parameter).value);
	if (typeof target === 'string') {
		throw inputError(context.getNode(), `Parameter "${displayName}" ${target}`, itemIndex);
	}
	return target;
}
