import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachAtMost, parallelRequests } from '../helpers/pool';
import { limitRequests, toNodeError } from '../transport';

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
 * Runs the chosen operation once per input item, several items at once (Options › Parallel
 * Requests), so that their round trips overlap; no more requests than that are under way at
 * once. Output order is input order; every output item is paired with its input item; with
 * "Continue On Fail" a failed item becomes an item carrying its error and the rest go on.
 * Without it, the first failure stops new items from starting and, once the items under way
 * have finished, fails the node with the failure of the lowest item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	let failed: { itemIndex: number; error: unknown } | undefined;
	const limit = parallelRequests(this);
	limitRequests(this, limit);
	const continueOnFail = this.continueOnFail();
	await forEachAtMost(
		items.length,
		limit,
		async (itemIndex) => {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const execute = operationFor(this, resource, operation);
				const outputs = await execute.call(this, itemIndex);
				results[itemIndex] = outputs.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (continueOnFail) {
					results[itemIndex] = [
						{ json: { error: (error as Error).message, ...errorDetails(error) }, pairedItem: { item: itemIndex } },
					];
				} else if (!failed || itemIndex < failed.itemIndex) {
					failed = { itemIndex, error };
				}
			}
		},
		() => failed !== undefined,
	);
	if (failed) throw toNodeError(this.getNode(), failed.error, failed.itemIndex);
	return [results.flat()];
}

function errorDetails(error: unknown): Record<string, string> {
	const details: Record<string, string> = {};
	const { description, failure } = error as { description?: unknown; failure?: { cause?: string } };
	if (typeof description === 'string' && description) details.description = description;
	if (failure?.cause) details.cause = failure.cause;
	return details;
}
