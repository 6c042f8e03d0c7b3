import type { INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { parallelRequestsOption } from '../../descriptions/parallel';
import { showFor } from '../common';

import * as getInfo from './getInfo.operation';
import * as getPackage from './getPackage.operation';
import * as revokeToken from './revokeToken.operation';

export { getInfo, getPackage, revokeToken };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Info',
				value: 'getInfo',
				description: "Get the account's details: username, e-mail, level and status",
				action: 'Get account info',
			},
			{
				name: 'Get Package',
				value: 'getPackage',
				description:
					"Get the limits of the account's package, such as the largest file it may upload (max_upload_size)",
				action: 'Get account package',
			},
			{
				name: 'Revoke Token',
				value: 'revokeToken',
				description:
					'End the API session the credential holds; the next request logs in again by itself',
				action: 'Revoke the access token',
			},
		],
		default: 'getInfo',
	},
	...getInfo.description,
	...getPackage.description,
	...revokeToken.description,
	collection('Options', 'options', showFor('account', ['getInfo', 'getPackage', 'revokeToken']), [parallelRequestsOption], 'Add option'),
];
