import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../transport';
import { visibilityCode } from './shape';
import type { Visibility } from './shape';
import { shown, textValue } from './values';

const VISIBILITIES: Visibility[] = ['private', 'unlisted', 'public'];

/**
 * `is_public` for a Visibility: an option value in any case, or the API's own code (0 private,
 * 1 unlisted, 2 public) as an expression may give it.
 */
export function visibilityValue(context: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): number {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
	const visibility = /^\d$/.test(text) ? VISIBILITIES[Number(text)] : VISIBILITIES.find((name) => name === text);
	if (!visibility) {
		throw inputError(
			context.getNode(),
			`Parameter "${displayName}" must be one of ${VISIBILITIES.join(', ')} (or 0, 1, 2) (got ${shown(value)})`,
			itemIndex,
		);
	}
	return visibilityCode(visibility);
}

/**
 * `access_password` for a password the user typed: its MD5 hex, which is what the site stores and
 * compares (a plain password sent to /folder/edit would be stored as it is and lock the folder).
 */
export function passwordValue(context: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): string {
	const password = textValue(context, value, displayName, itemIndex);
	if (password === '') {
		throw inputError(context.getNode(), `Parameter "${displayName}" is empty: type the password, or remove the field`, itemIndex);
	}
	return createHash('md5').update(password, 'utf8').digest('hex');
}
