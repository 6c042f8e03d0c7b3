import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../transport';

/**
 * A file or folder name as the server will store it. The server trims values and strips
 * anything between '<' and '>', so a name that would change or vanish is refused up front.
 */
export function checkedName(context: IExecuteFunctions, value: unknown, parameter: string, itemIndex: number): string {
	if (value !== null && typeof value === 'object') {
		throw inputError(context.getNode(), `Parameter "${parameter}" must be text, not an object`, itemIndex);
	}
	const name = String(value ?? '').trim();
	if (!name) throw inputError(context.getNode(), `Parameter "${parameter}" is empty`, itemIndex);
	if (/[<>]/.test(name)) {
		throw inputError(context.getNode(), `Parameter "${parameter}" must not contain "<" or ">": the site strips tags from names ("${name}")`, itemIndex);
	}
	if (/[/\\]/.test(name)) {
		throw inputError(context.getNode(), `Parameter "${parameter}" must not contain "/" or "\\" ("${name}")`, itemIndex);
	}
	if (name.length > 255) throw inputError(context.getNode(), `Parameter "${parameter}" is longer than 255 characters`, itemIndex);
	return name;
}
