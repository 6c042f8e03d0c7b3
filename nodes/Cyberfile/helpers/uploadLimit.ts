import type { IExecuteFunctions } from 'n8n-workflow';

import { apiError, cyberfileApiData, inputError } from '../transport';
import { oncePerExecution } from './executionCache';

/** The account package's largest upload in bytes (0: no limit), asked once per execution. */
async function maxUploadSize(context: IExecuteFunctions, itemIndex: number): Promise<number> {
	return await oncePerExecution(context, 'maxUploadSize', async () => {
		const data = await cyberfileApiData(context, { endpoint: 'account/package', idempotent: true, itemIndex });
		const max = Number(data.max_upload_size);
		return Number.isFinite(max) && max > 0 ? max : 0;
	});
}

/** The upload's parameter that holds the file, as the editor names it. */
const BINARY_FIELD = 'Parameter "Input Binary Field"';

/**
 * Refuses, before a byte is sent, a file the site would refuse after receiving all of it: an
 * empty file, or one larger than the account's package allows.
 */
export async function checkUploadSize(context: IExecuteFunctions, size: number, name: string, itemIndex: number) {
	if (size === 0) {
		throw inputError(context.getNode(), `${BINARY_FIELD}: the file "${name}" is empty (0 bytes), and the site does not accept empty files`, itemIndex);
	}
	const max = await maxUploadSize(context, itemIndex);
	if (max && size > max) {
		throw apiError(context.getNode(), `${BINARY_FIELD}: the file "${name}" is ${size} bytes, more than the ${max} bytes your Cyberfile package allows per upload`, {
			itemIndex,
			failure: { cause: 'configuration-invalid' },
			description: 'The limit is max_upload_size of the account package (Account > Get Package). Nothing was uploaded.',
		});
	}
}
