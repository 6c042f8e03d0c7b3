'use strict';
/**
 * In-memory stand-in for n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts), plus
 * the two things it depends on: the credential-type registry (CredentialTypes /
 * LoadNodesAndCredentials) and the credentials table (CredentialsRepository).
 *
 * Mirrored from n8n 2.41.1's compiled `node_modules/n8n/dist/credentials-helper.js`; every method
 * below says what it copies and what it leaves out. What it leaves out is n8n-instance plumbing
 * that a community node cannot observe: AI-gateway synthetic credentials, project policy checks,
 * dynamic (per-end-user) credential resolution, credential overwrites (empty here), external secrets
 * licensing. Stored data is encrypted with n8n-core's real `Credentials` class (AES with the
 * harness' encryption key), so what is "in the database" went through the same JSON round-trip as
 * in n8n.
 */
require('./n8n-env').prepareProcessEnv();
const { Credentials, getAdditionalKeys } = require('n8n-core');
const {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	UnexpectedError,
	UserError,
	isExpression,
	getCredentialOwnRequestAllowedDomains,
	injectDomainRestrictionFields,
	deepCopy,
} = require('n8n-workflow');

/** CredentialMissingIdError / CredentialNotFoundError of packages/cli/src/errors, same messages. */
class CredentialMissingIdError extends UnexpectedError {
	constructor(credentialName, credentialType) {
		super('Found credential with no ID.', {
			extra: { credentialName },
			tags: { credentialType },
		});
	}
}
class CredentialNotFoundError extends UserError {
	constructor(credentialId, credentialType) {
		super(
			credentialType
				? `Credential with ID "${credentialId}" does not exist for type "${credentialType}".`
				: `Credential with ID "${credentialId}" was not found.`,
		);
	}
}

function instantiate(classOrInstance) {
	return typeof classOrInstance === 'function' ? new classOrInstance() : classOrInstance;
}

/**
 * Registry of credential types (n8n: CredentialTypes + LoadNodesAndCredentials). Like
 * LoadNodesAndCredentials.postProcessLoaders(), it injects n8n's domain-restriction fields into each
 * credential's properties (`allowedHttpRequestDomains`, ...), so defaults match a real install.
 */
class CredentialTypeRegistry {
	constructor() {
		this.types = new Map();
		this.supportedNodes = new Map();
	}
	register(classOrInstance) {
		const type = instantiate(classOrInstance);
		if (!type || typeof type.name !== 'string') {
			throw new Error('harness: a credential type needs a `name`');
		}
		type.properties = injectDomainRestrictionFields(type);
		this.types.set(type.name, type);
		return type;
	}
	has(name) {
		return this.types.has(name);
	}
	getByName(name) {
		const type = this.types.get(name);
		if (!type) {
			// n8n-core's UnrecognizedCredentialTypeError message
			throw new UnexpectedError(`Unrecognized credential type: ${name}`);
		}
		return type;
	}
	/** CredentialTypes.getParentTypes, verbatim logic. */
	getParentTypes(typeName) {
		const extendsArr = this.types.get(typeName)?.extends ?? [];
		if (extendsArr.length === 0) return [];
		const extendsArrCopy = [...extendsArr];
		for (const type of extendsArrCopy) {
			extendsArrCopy.push(...this.getParentTypes(type));
		}
		return extendsArrCopy;
	}
	addSupportedNode(credentialType, fullNodeType) {
		const list = this.supportedNodes.get(credentialType) ?? [];
		if (!list.includes(fullNodeType)) list.push(fullNodeType);
		this.supportedNodes.set(credentialType, list);
	}
	getSupportedNodes(credentialType) {
		return this.supportedNodes.get(credentialType) ?? [];
	}
}

/**
 * The credentials "table": rows { id, name, type, data } with `data` encrypted by n8n-core's
 * Credentials/Cipher, like CredentialsEntity.data. Shared by every execution of one harness.
 */
class CredentialStore {
	constructor() {
		this.rows = new Map();
		this.nextId = 1;
		this.updates = [];
	}

	/** Adds a credential row. Returns { id, name, type }. */
	async add(type, data, { id, name } = {}) {
		const rowId = id ?? String(this.nextId++);
		const credentials = new Credentials({ id: rowId, name: name ?? `${type} account` }, type);
		await credentials.setData(deepCopy(data ?? {}));
		this.rows.set(rowId, {
			id: rowId,
			name: credentials.name,
			type,
			data: credentials.getDataToSave().data,
			updatedAt: new Date(),
		});
		return { id: rowId, name: credentials.name, type };
	}

	/** The row (encrypted data) or undefined. */
	row(id) {
		return this.rows.get(id);
	}

	/** First credential row of a type: what the harness assigns to nodes by default. */
	firstOfType(type) {
		for (const row of this.rows.values()) if (row.type === type) return row;
		return undefined;
	}

	/** Decrypted data of a row, by id or by type (first of that type). */
	async get(idOrType) {
		const row = this.rows.get(idOrType) ?? this.firstOfType(idOrType);
		if (!row) throw new Error(`harness: no credential "${idOrType}" in the store`);
		return await new Credentials({ id: row.id, name: row.name }, row.type, row.data).getData();
	}

	/** Replaces (merge=false) or merges (merge=true, default) decrypted data, as an admin edit would. */
	async set(idOrType, data, { merge = true } = {}) {
		const row = this.rows.get(idOrType) ?? this.firstOfType(idOrType);
		if (!row) throw new Error(`harness: no credential "${idOrType}" in the store`);
		const next = merge ? { ...(await this.get(row.id)), ...data } : { ...data };
		await this.write(row.id, row.type, next, 'test');
	}

	/** CredentialsRepository.update(): stores new ciphertext for the row. */
	async write(id, type, data, by = 'n8n') {
		const row = this.rows.get(id);
		if (!row || row.type !== type) throw new CredentialNotFoundError(id, type);
		const credentials = new Credentials({ id: row.id, name: row.name }, row.type);
		await credentials.setData(data);
		row.data = credentials.getDataToSave().data;
		row.updatedAt = new Date();
		this.updates.push({ id, type, by, at: row.updatedAt, data: deepCopy(data) });
	}

	list() {
		return [...this.rows.values()].map(({ id, name, type }) => ({ id, name, type }));
	}
}

/** Mock workflow n8n uses to resolve expressions in credential data outside an execution. */
const mockNode = {
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const mockNodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
};

/**
 * restrictToCredentialDomains() of credentials-helper.ts: the `this` a credential's
 * preAuthentication gets is `{ helpers: { httpRequest } }` only, with the credential's own
 * domain allowlist applied.
 */
function restrictToCredentialDomains(helpers, credentials) {
	return {
		helpers: {
			httpRequest: async (requestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) {
					return await helpers.helpers.httpRequest(requestOptions);
				}
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor({ credentialTypes, store, hooks } = {}) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = store;
		/** Every preAuthentication run: { type, node, reason, output } */
		this.preAuthRuns = [];
		/** optional async hook (run) => void called before a preAuthentication starts */
		this.hooks = hooks ?? {};
	}

	get preAuthCount() {
		return this.preAuthRuns.length;
	}

	/** authenticate(): verbatim logic of n8n 2.41.1 (function or generic {headers, qs, body, auth}). */
	async authenticate(credentials, typeName, incomingRequestOptions, workflow, node) {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.credentialTypes.getByName(typeName);
		if (credentialType.authenticate) {
			if (typeof credentialType.authenticate === 'function') {
				return await credentialType.authenticate(credentials, requestOptions);
			}
			if (typeof credentialType.authenticate === 'object') {
				if (!workflow || !node) {
					throw new UnexpectedError(
						'Workflow and node are required for declarative credential authentication',
					);
				}
				let keyResolved;
				let valueResolved;
				const { authenticate } = credentialType;
				if (requestOptions.headers === undefined) {
					requestOptions.headers = {};
				}
				if (authenticate.type === 'generic') {
					Object.entries(authenticate.properties).forEach(([outerKey, outerValue]) => {
						Object.entries(outerValue).forEach(([key, value]) => {
							keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
							valueResolved = this.resolveValue(value, { $credentials: credentials }, workflow, node);
							if (!requestOptions[outerKey]) {
								requestOptions[outerKey] = {};
							}
							requestOptions[outerKey][keyResolved] = valueResolved;
						});
					});
				}
			}
		}
		return requestOptions;
	}

	/**
	 * preAuthentication(): verbatim logic of n8n 2.41.1.
	 * Runs the type's preAuthentication when the hidden `expirable` property is '' (note: '' only,
	 * not undefined — getDecrypted fills the property's default ''), when `credentialsExpired`
	 * (n8n-core passes true after a 401 / preAuthenticationRetryStatusCode), or when the node is the
	 * credential tester's temp node (type 'n8n-nodes-base.noOp' with parameters.temp === '').
	 * The result is persisted into the row of `node.credentials[type]` — the node's configured
	 * credential, whatever data the caller passed (e.g. `credentialsDecrypted`) — merged over the
	 * stored data (stored expressions are kept, except for the expirable property), and
	 * Object.assign'ed onto `credentials`. Nothing is persisted or returned when the node has no
	 * `credentials` or the output lacks the expirable property.
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) {
			return undefined;
		}
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentialType.preAuthentication) {
			if (typeof credentialType.preAuthentication === 'function') {
				if (
					credentials[expirableProperty?.name] === '' ||
					credentialsExpired ||
					isTestingCredentials
				) {
					const run = {
						type: typeName,
						node: node?.name,
						reason: credentialsExpired
							? 'expired'
							: isTestingCredentials
								? 'credential-test'
								: 'empty',
						at: new Date(),
					};
					this.preAuthRuns.push(run);
					if (this.hooks.beforePreAuthentication) await this.hooks.beforePreAuthentication(run);
					const output = await credentialType.preAuthentication.call(
						restrictToCredentialDomains(helpers, credentials),
						credentials,
					);
					run.output = output;
					if (output[expirableProperty.name] === undefined) {
						return undefined;
					}
					if (node.credentials) {
						const nodeCredentials = node.credentials[credentialType.name];
						const storedData = await (
							await this.getCredentials(nodeCredentials, credentialType.name)
						).getData();
						const dataToPersist = { ...storedData };
						for (const [key, value] of Object.entries(output)) {
							if (key === expirableProperty.name || !isExpression(storedData[key])) {
								dataToPersist[key] = value;
							}
						}
						await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
						run.persistedTo = nodeCredentials?.id;
						return Object.assign(credentials, output);
					}
				}
			}
		}
		return undefined;
	}

	/** runPreAuthentication(): used by n8n-core's OAuth2 path only; verbatim. */
	async runPreAuthentication(helpers, credentials, typeName) {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return output ?? undefined;
	}

	/** resolveValue(): verbatim (real n8n expression engine, `$credentials` as additional key). */
	resolveValue(parameterValue, additionalKeys, workflow, node) {
		if (!isExpression(parameterValue)) {
			return parameterValue;
		}
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) {
			return '';
		}
		return returnValue.toString();
	}

	getParentTypes(typeName) {
		return this.credentialTypes.getParentTypes(typeName);
	}

	/** getCredentials(): a n8n-core `Credentials` built from the stored row. */
	async getCredentials(nodeCredential, type) {
		const credential = await this.getCredentialsEntity(nodeCredential, type);
		return new Credentials({ id: credential.id, name: credential.name }, credential.type, credential.data);
	}

	async getCredentialsEntity(nodeCredential, type) {
		if (!nodeCredential?.id) {
			throw new CredentialMissingIdError(nodeCredential?.name, type);
		}
		const row = this.store.row(nodeCredential.id);
		if (!row || row.type !== type) {
			throw new CredentialNotFoundError(nodeCredential.id, type);
		}
		return row;
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		let typeDef;
		try {
			typeDef = this.credentialTypes.getByName(credentialType);
		} catch {
			return true;
		}
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	/** getCredentialsProperties(): verbatim (oauth token data property, `extends` merging). */
	getCredentialsProperties(type) {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData === undefined) {
			throw new UnexpectedError('Unknown credential type', { tags: { credentialType: type } });
		}
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combineProperties = [];
		for (const credentialsTypeName of credentialTypeData.extends) {
			const mergeCredentialProperties = this.getCredentialsProperties(credentialsTypeName);
			NodeHelpers.mergeNodeProperties(combineProperties, mergeCredentialProperties);
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}

	/**
	 * getDecrypted(): loads and decrypts the row, then applyDefaultsAndOverwrites(). Left out: AI
	 * gateway, policy enforcement, dynamic credential resolution, external-secrets licensing.
	 * Each call returns a fresh object (a fresh decrypt, as from the database).
	 */
	async getDecrypted(
		additionalData,
		nodeCredentials,
		type,
		mode,
		executeData,
		raw,
		expressionResolveValues,
		_options,
	) {
		const credentialsEntity = await this.getCredentialsEntity(nodeCredentials, type);
		const credentials = new Credentials(
			{ id: credentialsEntity.id, name: credentialsEntity.name },
			credentialsEntity.type,
			credentialsEntity.data,
		);
		const decryptedDataOriginal = await credentials.getData();
		if (raw === true) {
			return decryptedDataOriginal;
		}
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/**
	 * applyDefaultsAndOverwrites(): n8n 2.41.1 logic minus credential overwrites (none configured),
	 * OAuth pinned/DCR fields and JSON-leaf expression fields. Fills defaults from the credential's
	 * properties (so a missing hidden `accessToken` becomes ''), then resolves expressions with the
	 * execution's workflow (execute context) or a mock workflow (poll, load options, tests).
	 */
	async applyDefaultsAndOverwrites(
		additionalData,
		decryptedDataOriginal,
		type,
		mode,
		executeData,
		expressionResolveValues,
	) {
		const credentialsProperties = this.getCredentialsProperties(type);
		const storedData = { ...decryptedDataOriginal };
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			storedData,
			true,
			false,
			null,
			null,
		);
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		if (
			decryptedData.allowedHttpRequestDomains === undefined &&
			decryptedDataOriginal.allowedHttpRequestDomains !== undefined
		) {
			decryptedData.allowedHttpRequestDomains = decryptedDataOriginal.allowedHttpRequestDomains;
		}
		if (
			decryptedData.allowedDomains === undefined &&
			decryptedDataOriginal.allowedDomains !== undefined
		) {
			decryptedData.allowedDomains = decryptedDataOriginal.allowedDomains;
		}
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				);
			} catch (e) {
				e.message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				);
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		return decryptedData;
	}

	/** updateCredentials(): re-encrypts `data` and writes it to the row (CredentialsRepository.update). */
	async updateCredentials(nodeCredentials, type, data) {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		await this.store.write(credentials.id, type, await credentials.getData(), 'n8n');
	}

	/** updateCredentialsOauthTokenData(): static-credential branch only. */
	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		await this.store.write(credentials.id, type, await credentials.getData(), 'n8n');
	}
}

module.exports = {
	HarnessCredentialsHelper,
	CredentialStore,
	CredentialTypeRegistry,
	CredentialMissingIdError,
	CredentialNotFoundError,
	restrictToCredentialDomains,
};
