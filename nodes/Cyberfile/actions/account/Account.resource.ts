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
				action: 'Get the account details such as username and email',
			},
			{
				name: 'Get Package',
				value: 'getPackage',
				description:
					"Get the limits of the account's package, such as the largest file it may upload (max_upload_size)",
				action: 'Get the account limits such as the largest file it may upload',
			},
			{
				name: 'Revoke Token',
				value: 'revokeToken',
				description:
					'Log out: end the API session (access token) the credential holds, e.g. after a shared workflow ran or to stop a leaked token. The next request logs in again by itself.',
				action: 'Revoke the access token to end the login session',
			},
		],
		default: 'getInfo',
	},
	...getInfo.description,
	...getPackage.description,
	...revokeToken.description,
	collection('Options', 'options', showFor('account', ['getInfo', 'getPackage', 'revokeToken']), [parallelRequestsOption], 'Add option'),
];
