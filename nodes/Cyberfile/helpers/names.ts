import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../transport';
import { textValue } from './values';

/**
 * A file or folder name as the server will store it. The server trims values and strips
 * anything between '<' and '>', so a name that would change or vanish is refused up front.
 */
export function checkedName(context: IExecuteFunctions, value: unknown, parameter: string, itemIndex: number): string {
	const name = textValue(context, value, parameter, itemIndex).trim();
	const refuse = (problem: string) => inputError(context.getNode(), `Parameter "${parameter}" ${problem}`, itemIndex);
	if (!name) throw refuse('is empty');
	if (/[<>]/.test(name)) throw refuse(`must not contain "<" or ">": the site strips tags from names ("${name}")`);
	if (/[/\\]/.test(name)) throw refuse(`must not contain "/" or "\\" ("${name}")`);
	if (name === '.' || name === '..') throw refuse(`must not be "${name}"`);
	if (name.length > 255) throw refuse(`is longer than 255 characters (${name.length})`);
	return name;
}
