import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../transport';
import { visibilityCode } from './shape';
import type { Visibility } from './shape';

const VISIBILITIES: Visibility[] = ['private', 'unlisted', 'public'];

/** `is_public` for a Visibility option value: 0 private, 1 unlisted, 2 public. */
export function visibilityValue(context: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): number {
	const visibility = String(value ?? '').trim().toLowerCase() as Visibility;
	if (typeof value === 'object' || !VISIBILITIES.includes(visibility)) {
		throw inputError(context.getNode(), `Parameter "${displayName}" must be one of ${VISIBILITIES.join(', ')} (got ${JSON.stringify(value)})`, itemIndex);
	}
	return visibilityCode(visibility);
}

/**
 * `access_password` for a password the user typed: its MD5 hex, which is what the site stores and
 * compares (a plain password sent to /folder/edit would be stored as it is and lock the folder).
 */
export function passwordValue(context: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): string {
	if (typeof value === 'object' && value !== null) {
		throw inputError(context.getNode(), `Parameter "${displayName}" must be text, not an object`, itemIndex);
	}
	const password = String(value ?? '');
	if (password === '') {
		throw inputError(context.getNode(), `Parameter "${displayName}" is empty: type the password, or remove the field`, itemIndex);
	}
	return createHash('md5').update(password, 'utf8').digest('hex');
}
