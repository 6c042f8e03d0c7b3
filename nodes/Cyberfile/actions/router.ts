import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../transport';

import * as account from './account/Account.resource';
import * as file from './file/File.resource';
import * as fileFolder from './fileFolder/FileFolder.resource';
import * as folder from './folder/Folder.resource';
import type { OperationExecute } from './types';

const resources: Record<string, Record<string, { execute: OperationExecute } | unknown>> = { account, file, fileFolder, folder };

function operationFor(context: IExecuteFunctions, resource: string, operation: string): OperationExecute {
	const candidate = resources[resource]?.[operation] as { execute?: OperationExecute } | undefined;
	if (typeof candidate?.execute !== 'function') {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return candidate.execute;
}

/**
 * Runs the chosen operation once per input item. Every output item is paired with its input
 * item; with "Continue On Fail" a failed item becomes an item carrying its error and the rest go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		try {
			const execute = operationFor(this, resource, operation);
			const results = await execute.call(this, itemIndex);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: (error as Error).message, ...errorDetails(error) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [returnData];
}

function errorDetails(error: unknown): Record<string, string> {
	const details: Record<string, string> = {};
	const { description, failure } = error as { description?: unknown; failure?: { cause?: string } };
	if (typeof description === 'string' && description) details.description = description;
	if (failure?.cause) details.cause = failure.cause;
	return details;
}
