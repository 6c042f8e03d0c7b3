import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parallelRequestsOption } from '../descriptions/parallel';
import type { CyberfileContext } from '../transport';

import { inputError } from '../transport';

/**
 * Parameter values as an expression may hand them over: the editor's widgets give a string, a
 * boolean or an option, but `={{ ... }}` can produce anything. These check the kind of value, name
 * the parameter as the editor shows it, and show what was given.
 */

/** A value for an error message: `"text"`, `3`, `{"a":1}`, cut short. */
export const shown = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 80);

/** Why a value that should be one thing is not: a list or an object instead, or undefined. */
export function notOneValue(value: unknown): string | undefined {
	if (Array.isArray(value)) return 'a list';
	if (value !== null && typeof value === 'object') return 'an object';
	return undefined;
}

/** A text parameter: a string or a number as text; a list or an object is refused. */
export function textValue(context: CyberfileContext, value: unknown, displayName: string, itemIndex?: number): string {
	const wrong = notOneValue(value);
	if (wrong) throw inputError(context.getNode(), `Parameter "${displayName}" must be text, not ${wrong}`, itemIndex);
	return String(value ?? '');
}

/** A text parameter that must not be empty (spaces around it dropped), e.g. a binary field's name. */
export function requiredText(context: CyberfileContext, value: unknown, displayName: string, itemIndex?: number): string {
	const text = textValue(context, value, displayName, itemIndex).trim();
	if (!text) throw inputError(context.getNode(), `Parameter "${displayName}" is empty`, itemIndex);
	return text;
}

/** A boolean parameter: true or false, also as the text "true" or "false"; unset is `fallback`. */
export function booleanValue(context: CyberfileContext, value: unknown, displayName: string, itemIndex?: number, fallback = false): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	throw inputError(context.getNode(), `Parameter "${displayName}" must be true or false (got ${shown(value)})`, itemIndex);
}

/** An options parameter: one of `choices` (as text, spaces around it ignored). */
export function choiceValue<T extends string>(
	context: CyberfileContext,
	value: unknown,
	choices: readonly T[],
	displayName: string,
	itemIndex?: number,
): T {
	const choice = typeof value === 'string' ? (value.trim() as T) : undefined;
	if (choice !== undefined && choices.includes(choice)) return choice;
	throw inputError(context.getNode(), `Parameter "${displayName}" must be one of ${choices.join(', ')} (got ${shown(value)})`, itemIndex);
}

/** Options › Include Raw Fields of an operation that returns files or folders. */
export function includeRawFields(context: CyberfileContext, options: unknown, itemIndex?: number): boolean {
	const value = options && typeof options === 'object' ? (options as Record<string, unknown>).includeRawFields : undefined;
	return booleanValue(context, value, 'Options > Include Raw Fields', itemIndex);
}

/**
 * The Options the user added to the node, each worked out for this item. Parallel Requests is
 * left out: it is the run's, read once (pool.ts). Reading the whole collection would work out an
 * expression there again for every item, and every expression costs n8n 2.x about 1.5 ms of CPU
 * (it runs in an isolate): with one in Parallel Requests, that was a third of the node's CPU per
 * uploaded file (profiled in n8n 2.41 uploading 150 files).
 */
export function itemOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const added = context.getNode().parameters.options;
	const options: IDataObject = {};
	if (!added || typeof added !== 'object') return options;
	for (const name of Object.keys(added)) {
		if (name !== parallelRequestsOption.name) options[name] = context.getNodeParameter(`options.${name}`, itemIndex) as IDataObject[string];
	}
	return options;
}

/** How an operation's items are shaped, from its Options (see shape.ts). */
export const itemShape = (context: IExecuteFunctions, itemIndex: number, options: IDataObject = itemOptions(context, itemIndex)) => ({
	includeRawFields: includeRawFields(context, options, itemIndex),
});

/** "Return All" and "Limit": how many items at most (Infinity for all). */
export function limitValue(context: IExecuteFunctions, itemIndex: number): number {
	if (booleanValue(context, context.getNodeParameter('returnAll', itemIndex, false), 'Return All', itemIndex)) return Infinity;
	return wholeNumberValue(context, context.getNodeParameter('limit', itemIndex, 50), 'Limit', { min: 1 }, itemIndex);
}

/** A whole-number parameter from `min` up (to `max`), also as text; anything else is refused. */
export function wholeNumberValue(
	context: CyberfileContext,
	value: unknown,
	displayName: string,
	range: { min: number; max?: number },
	itemIndex?: number,
): number {
	const number = typeof value === 'number' || (typeof value === 'string' && value.trim()) ? Number(value) : NaN;
	if (Number.isInteger(number) && number >= range.min && number <= (range.max ?? Infinity)) return number;
	const bounds = range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
	throw inputError(context.getNode(), `Parameter "${displayName}" must be a whole number ${bounds} (got ${shown(value)})`, itemIndex);
}
