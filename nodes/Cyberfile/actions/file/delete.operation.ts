import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator } from '../../descriptions/locators';
import { toFile } from '../../helpers/shape';
import { resolveFileId } from '../../helpers/target';
import { cyberfileApiData } from '../../transport';
import { showFor } from '../common';

export const description: INodeProperties[] = [
	{
		...fileLocator({ displayName: 'File', name: 'fileId', displayOptions: showFor('file', ['delete']) }),
		description:
			'The file to move to the trash. Cyberfile has no permanent delete and no restore through the API.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fileId = await resolveFileId(this, 'fileId', itemIndex, 'File');
	const data = await cyberfileApiData(this, {
		endpoint: 'file/delete',
		fields: { file_id: fileId },
		idempotent: true,
		itemIndex,
		subject: { file: fileId },
	});
	return [{ json: { ...toFile(data), deleted: true } }];
}
