import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cyberfileApiRequest } from '../../transport';
import { isTokenError } from '../../transport/envelope';

export const description: INodeProperties[] = [];

/**
 * Ends the credential's session on the server. A token that is already dead is the outcome asked
 * for, so it is reported as revoked without logging in just to revoke the new token.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const body = await cyberfileApiRequest(this, {
		endpoint: 'disable_access_token',
		idempotent: true,
		onDeadToken: 'answer',
		itemIndex,
	});
	const message = String(body.response ?? '');
	const alreadyGone = isTokenError(message);
	return [
		{
			json: {
				revoked: true,
				alreadyRevoked: alreadyGone,
				message: alreadyGone ? 'The session had already ended.' : message || 'Token removed.',
			},
		},
	];
}
