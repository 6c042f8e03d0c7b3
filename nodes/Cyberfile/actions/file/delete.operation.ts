import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator } from '../../descriptions/locators';
import { toFile } from '../../helpers/shape';
import { resolveFileId } from '../../helpers/target';
import { cyberfileApiData } from '../../transport';
import { itemOptions } from '../../descriptions/itemOptions';
import { itemShape } from '../../helpers/values';
import { showFor } from '../common';

export const description: INodeProperties[] = [
	{
		...fileLocator({ displayName: 'File', name: 'fileId', displayOptions: showFor('file', ['delete']) }),
		description:
			'The file to move to the trash. Cyberfile has no permanent delete and no restore through the API.',
	},
	itemOptions(showFor('file', ['delete'])),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const fileId = await resolveFileId(this, 'fileId', itemIndex, 'File');
	const data = await cyberfileApiData(this, {
		endpoint: 'file/delete',
		fields: { file_id: fileId },
		idempotent: true,
		itemIndex,
		subject: { file: fileId },
	});
	return [{ json: { ...toFile(data, shape), deleted: true } }];
}
