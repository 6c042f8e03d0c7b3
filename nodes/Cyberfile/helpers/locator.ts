import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { inputError } from '../transport';
import { notOneValue } from './values';

/** The root folder's value in folder locators, as n8n's Google Drive node names it. */
export const ROOT_FOLDER = 'root';
export const ROOT_FOLDER_NAME = '/ (Root folder)';

export type LocatorKind = 'file' | 'folder';

/**
 * What a locator points at: a numeric id, the root folder, or a file's short URL code. A target
 * that came from a link keeps the link's host (`site`), which must be the credential's site.
 */
export type Target = { id: string; site?: string } | { root: true } | { shortUrl: string; site: string };

/** The locator parameters as the editor names them, for messages about a parameter given by name. */
const DISPLAY_NAMES: Record<string, string> = {
	fileId: 'File',
	folderId: 'Folder',
	destinationFolderId: 'Destination Folder',
	parentFolderId: 'Parent Folder',
};
export const displayNameOf = (parameterName: string) => DISPLAY_NAMES[parameterName] ?? parameterName;

const LINK = /^https?:\/\/([^/?#\s]+)/i;
const BARE_LINK = /^(?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?\//i;
const FOLDER_URL = /\/folder\/(\d+)(?:[/?#]|$)/i;
const FILE_URL = /^https?:\/\/[^/]+\/([A-Za-z0-9]+)(?:~[a-z])?(?:[/?#]|$)/i;
/** More digits than the largest id a database column holds (unsigned 64 bits). */
const MAX_ID_DIGITS = 20;

/**
 * Cleans a pasted id the way people (and AI agents) paste them: surrounding whitespace, quotes
 * and angle brackets, trailing dots and commas, a leading '#', a link without its scheme.
 */
function cleanIdText(value: unknown): string {
	let text = String(value ?? '');
	for (let previous; previous !== text; ) {
		previous = text;
		text = text
			.trim()
			.replace(/^["'`<(]+|["'`>)]+$/g, '')
			.replace(/[\s.,;:!?]+$/, '');
	}
	text = text.replace(/^#/, '');
	return BARE_LINK.test(text) ? `https://${text}` : text;
}

/** Reads a locator's raw value, whether the parameter holds a locator object or a plain value. */
function rawValue(parameter: unknown): { mode: string; value: unknown } {
	if (parameter && typeof parameter === 'object' && '__rl' in (parameter as object)) {
		const locator = parameter as INodeParameterResourceLocator;
		return { mode: String(locator.mode), value: locator.value };
	}
	return { mode: 'id', value: parameter };
}

function parseId(kind: LocatorKind, digits: string): Target | string {
	const id = digits.replace(/^0+(?=\d)/, '');
	if (id.length > MAX_ID_DIGITS) return `"${digits.slice(0, 40)}" is too long to be a ${kind} id`;
	if (id === '0') return `"${digits}" is not a ${kind} id: ids are whole numbers from 1 up, such as 1253`;
	return { id };
}

function parseLink(kind: LocatorKind, link: string): Target | string {
	const site = LINK.exec(link)![1].replace(/^.*@/, '').toLowerCase();
	const folder = FOLDER_URL.exec(link);
	if (folder) return kind === 'folder' ? { id: folder[1], site } : 'is a folder link, but a file is expected here';
	const file = FILE_URL.exec(link);
	if (file && kind === 'file') return { shortUrl: file[1], site };
	return kind === 'folder'
		? `"${link}" is not a Cyberfile folder link (expected …/folder/<id>/<name>)`
		: `"${link}" is not a Cyberfile file link (expected https://<site>/<code>)`;
}

/** Parses a locator value into a target, or explains what is wrong with it. */
export function parseTarget(kind: LocatorKind, value: unknown): Target | string {
	const wrong = notOneValue(value);
	if (wrong) return `must be one id or link, not ${wrong} (${JSON.stringify(value).slice(0, 60)})`;
	const text = cleanIdText(value);
	if (kind === 'folder' && (text === '' || /^(root|\/|0+|null)$/i.test(text))) return { root: true };
	if (text === '') return 'is empty';
	if (/^\d+$/.test(text)) return parseId(kind, text);
	if (LINK.test(text)) return parseLink(kind, text);
	return `"${text.slice(0, 80)}" is not a ${kind} id: ids are whole numbers from 1 up, such as 1253`;
}

/** Reads a file or folder locator parameter and returns its target; rejects bad input. */
export function getTarget(
	context: IExecuteFunctions,
	parameterName: string,
	kind: LocatorKind,
	itemIndex: number,
	displayName = displayNameOf(parameterName),
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
