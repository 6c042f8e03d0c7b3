import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { itemOptions } from '../../descriptions/itemOptions';
import { fileLocator } from '../../descriptions/locators';
import { toFile } from '../../helpers/shape';
import { resolveFileId } from '../../helpers/target';
import { itemShape } from '../../helpers/values';
import { cyberfileApiData } from '../../transport';
import { showFor } from '../common';

export const description: INodeProperties[] = [
	fileLocator({ displayName: 'File', name: 'fileId', displayOptions: showFor('file', ['get']) }),
	itemOptions(showFor('file', ['get'])),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const fileId = await resolveFileId(this, 'fileId', itemIndex, 'File');
	const data = await cyberfileApiData(this, {
		endpoint: 'file/info',
		fields: { file_id: fileId },
		idempotent: true,
		itemIndex,
		subject: { file: fileId },
	});
	return [{ json: toFile(data, shape) }];
}
