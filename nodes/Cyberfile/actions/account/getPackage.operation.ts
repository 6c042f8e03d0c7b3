import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cyberfileApiData } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const data = await cyberfileApiData(this, { endpoint: 'account/package', idempotent: true, itemIndex });
	return [{ json: data }];
}
