'use strict';
/**
 * Runs compiled n8n node classes inside n8n-core's real execution contexts (ExecuteContext via
 * WorkflowExecute.runNode, PollContext via PollTriggerExecutor, LoadOptionsContext, RoutingNode for
 * credential tests), with n8n's real HTTP helpers (axios through @n8n/backend-network) and n8n's real
 * BinaryDataService. Only n8n's CLI-side pieces are stood in for: CredentialsHelper (see
 * credentials-helper.js), the credentials table, node/credential-type registries, static-data
 * persistence. See README.md for the API.
 */
const { prepareProcessEnv, getN8nEnv, setBinaryMode, requireFromCore } = require('./n8n-env');

prepareProcessEnv();

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { Container } = requireFromCore('@n8n/di');
const core = require('n8n-core');
const {
	Workflow,
	NodeHelpers,
	createRunExecutionData,
	createEmptyRunExecutionData,
	deepCopy,
	BINARY_ENCODING,
} = require('n8n-workflow');
const get = requireFromCore('lodash/get');
const {
	HarnessCredentialsHelper,
	CredentialStore,
	CredentialTypeRegistry,
} = require('./credentials-helper');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

let harnessCounter = 0;

function instantiate(classOrInstance) {
	return typeof classOrInstance === 'function' ? new classOrInstance() : classOrInstance;
}

function defaultTypeVersion(nodeType) {
	if (nodeType.nodeVersions) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? version.slice(-1)[0] : version;
}

function normalizeItems(items) {
	if (items === undefined) return [{ json: {} }];
	return items.map((item) =>
		item && typeof item === 'object' && 'json' in item ? item : { json: item ?? {} },
	);
}

/** Hash + size of a readable stream, streamed (never buffered whole). */
async function digestStream(stream, algorithm = 'md5') {
	const hash = crypto.createHash(algorithm);
	let size = 0;
	await pipeline(stream, async function* (source) {
		for await (const chunk of source) {
			size += chunk.length;
			hash.update(chunk);
		}
		yield* [];
	});
	const digest = hash.digest('hex');
	return { size, algorithm, hash: digest, [algorithm]: digest };
}

/**
 * Problems n8n (or its community-node linter) would object to in an execute() result: missing
 * pairedItem, json that is not an object, binary entries with neither id nor data.
 */
function outputProblems(data) {
	const problems = [];
	if (!Array.isArray(data)) return ['output is not an array of outputs'];
	data.forEach((output, o) => {
		if (!Array.isArray(output)) {
			problems.push(`output ${o} is not an array`);
			return;
		}
		output.forEach((item, i) => {
			if (!item || typeof item.json !== 'object' || item.json === null || Array.isArray(item.json)) {
				problems.push(`output ${o} item ${i}: json is not an object`);
			}
			if (item?.pairedItem === undefined) problems.push(`output ${o} item ${i}: no pairedItem`);
			for (const [key, bin] of Object.entries(item?.binary ?? {})) {
				if (!bin || (!bin.id && typeof bin.data !== 'string')) {
					problems.push(`output ${o} item ${i}: binary "${key}" has neither id nor data`);
				}
			}
		});
	});
	return problems;
}

/** package.json "n8n.credentials" of this repo, for auto-registration of credential types. */
function discoverPackageCredentialFiles() {
	try {
		const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
		return (pkg.n8n?.credentials ?? [])
			.map((rel) => path.join(PROJECT_ROOT, rel))
			.filter((file) => fs.existsSync(file));
	} catch {
		return [];
	}
}

function loadClassFromFile(file) {
	const [className] = path.basename(file).split('.');
	const mod = require(file);
	const Cls = mod[className] ?? Object.values(mod).find((v) => typeof v === 'function');
	if (!Cls) throw new Error(`harness: no class exported by ${file}`);
	return Cls;
}

class Harness {
	constructor(options = {}) {
		this.options = options;
		this.id = ++harnessCounter;
		this.packageName = options.packageName ?? 'n8n-nodes-cyberfile';
		this.binaryMode = options.binaryMode ?? 'filesystem';
		this.workflowId = options.workflowId ?? `harnessWf${this.id}`;
		this.timezone = options.timezone ?? 'UTC';
		this.executionCounter = 0;
		this.credentialTypes = new CredentialTypeRegistry();
		this.store = new CredentialStore();
		this.credentialsHelper = new HarnessCredentialsHelper({
			credentialTypes: this.credentialTypes,
			store: this.store,
			hooks: options.credentialHooks,
		});
		this.nodeTypeInstances = new Map(); // fullType -> instance
		this.classToType = new Map(); // class/instance -> fullType
		/** Per trigger node name: static data as n8n would have saved it (after an emitting poll). */
		this.savedStaticData = {};
		this.lastRun = undefined;
		this.lastPoll = undefined;
		this._ready = undefined;

		const self = this;
		/** Facade over the credentials table; every method waits for the harness to be ready. */
		this.credentialStore = {
			/** Decrypted data of a credential, by id or type (first of that type). */
			get: async (idOrType) => {
				await self.ready();
				return await self.store.get(idOrType);
			},
			/** Edits stored data (merge by default), e.g. to plant a stale token. */
			set: async (idOrType, data, opts) => {
				await self.ready();
				return await self.store.set(idOrType, data, opts);
			},
			/** Adds another credential row; returns { id, name, type }. */
			add: async (type, data, opts) => {
				await self.ready();
				return await self.store.add(type, data, opts);
			},
			list: async () => {
				await self.ready();
				return self.store.list();
			},
			/** Every write to the table: { id, type, by: 'n8n'|'test', at, data } */
			get updates() {
				return self.store.updates;
			},
		};
	}

	/** Number of preAuthentication runs (all credential types) since the harness was created. */
	get preAuthCount() {
		return this.credentialsHelper.preAuthCount;
	}

	/** Details of every preAuthentication run: { type, node, reason: 'empty'|'expired'|..., output }. */
	get preAuthRuns() {
		return this.credentialsHelper.preAuthRuns;
	}

	/** Log lines n8n-core wrote through its Logger: [{ level, message, metadata }]. */
	get logs() {
		return this.env ? this.env.logs : [];
	}

	async ready() {
		if (!this._ready) {
			this._ready = (async () => {
				this.env = await getN8nEnv();
				const { credentialTypes, credentials } = this.options;
				const typeList = credentialTypes ?? discoverPackageCredentialFiles().map(loadClassFromFile);
				for (const t of typeList) this.credentialTypes.register(t);
				for (const [type, entry] of Object.entries(credentials ?? {})) {
					const isRow = entry && typeof entry === 'object' && 'data' in entry && ('id' in entry || 'name' in entry);
					if (isRow) await this.store.add(type, entry.data, { id: entry.id, name: entry.name });
					else await this.store.add(type, entry);
				}
			})();
		}
		await this._ready;
	}

	registerCredentialType(classOrInstance) {
		return this.credentialTypes.register(classOrInstance);
	}

	// ---------------------------------------------------------------- node types

	/**
	 * Registers a node class like n8n's DirectoryLoader.loadNodeFromFile: one instance per class,
	 * polling nodes get n8n's "Poll Times" parameter, load-options method names are recorded.
	 */
	registerNodeType(NodeClassOrInstance) {
		if (this.classToType.has(NodeClassOrInstance)) return this.classToType.get(NodeClassOrInstance);
		const instance = instantiate(NodeClassOrInstance);
		const loaderProto = core.DirectoryLoader.prototype;
		const versions = instance.nodeVersions ? Object.values(instance.nodeVersions) : [instance];
		for (const version of versions) {
			loaderProto.addLoadOptionsMethods.call(null, version);
			// Guard against a description object shared between instances getting "Poll Times" twice.
			const { properties } = version.description;
			if (!(version.description.polling && properties.some((p) => p.name === 'pollTimes'))) {
				loaderProto.applySpecialNodeParameters.call(null, version);
			}
			if (instance.nodeVersions) version.description.name = instance.description.name;
		}
		const fullType = `${this.packageName}.${instance.description.name}`;
		this.nodeTypeInstances.set(fullType, instance);
		this.classToType.set(NodeClassOrInstance, fullType);
		for (const version of versions) {
			for (const cred of version.description.credentials ?? []) {
				this.credentialTypes.addSupportedNode(cred.name, fullType);
			}
		}
		return fullType;
	}

	/** INodeTypes (n8n: NodeTypes service) over registered classes. */
	get nodeTypes() {
		const self = this;
		return {
			getByName(type) {
				const t = self.nodeTypeInstances.get(type);
				if (!t) throw new Error(`harness: unknown node type ${type}`);
				return t;
			},
			getByNameAndVersion(type, version) {
				return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
			},
			getKnownTypes() {
				return {};
			},
		};
	}

	/** node.credentials for a node type: its declared credential types mapped to store rows. */
	nodeCredentialsFor(versionedType, override = {}) {
		const result = {};
		for (const { name } of versionedType.description.credentials ?? []) {
			let ref = override[name];
			if (ref === null) continue;
			if (typeof ref === 'string') {
				const row = this.store.row(ref);
				ref = { id: ref, name: row?.name ?? ref };
			}
			if (!ref) {
				const row = this.store.firstOfType(name);
				if (row) ref = { id: row.id, name: row.name };
			}
			if (ref) result[name] = ref;
		}
		return Object.keys(result).length ? result : undefined;
	}

	buildNode(NodeClass, opts = {}) {
		const type = this.registerNodeType(NodeClass);
		const instance = this.nodeTypeInstances.get(type);
		const typeVersion = opts.typeVersion ?? defaultTypeVersion(instance);
		const versioned = NodeHelpers.getVersionedNodeType(instance, typeVersion);
		const node = {
			id: opts.nodeId ?? crypto.randomUUID(),
			name: opts.nodeName ?? versioned.description.defaults?.name ?? versioned.description.displayName,
			type,
			typeVersion,
			position: [0, 0],
			parameters: deepCopy(opts.parameters ?? {}),
		};
		const credentials = this.nodeCredentialsFor(versioned, opts.credentials);
		if (credentials) node.credentials = credentials;
		if (opts.continueOnFail) node.onError = 'continueRegularOutput';
		if (opts.onError) node.onError = opts.onError;
		for (const key of ['alwaysOutputData', 'executeOnce', 'retryOnFail', 'disabled']) {
			if (opts[key] !== undefined) node[key] = opts[key];
		}
		return { node, versioned };
	}

	buildWorkflow(nodes, { staticData, settings } = {}) {
		return new Workflow({
			id: this.workflowId,
			name: `Harness workflow ${this.id}`,
			nodes,
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: { executionOrder: 'v1', timezone: this.timezone, ...(settings ?? {}) },
		});
	}

	/** IWorkflowExecuteAdditionalData with what node contexts read. */
	additionalData({ executionId, currentNodeParameters, hooks, mode } = {}) {
		return {
			credentialsHelper: this.credentialsHelper,
			executionId,
			workflowId: this.workflowId,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			currentNodeParameters,
			variables: {},
			userId: 'harness-user',
			projectId: 'harness-project',
			executionTimeoutTimestamp: undefined,
			rootExecutionMode: mode,
			hooks,
			externalSecretsProxy: {
				hasProvider: () => false,
				hasSecret: () => false,
				getSecret: () => undefined,
				listProviders: () => [],
				listSecrets: () => [],
			},
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			executeWorkflow: async () => {
				throw new Error('harness: executeWorkflow is not supported');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('harness: task runners are not supported');
			},
		};
	}

	nextExecutionId() {
		this.executionCounter += 1;
		return `${this.id}${String(this.executionCounter).padStart(4, '0')}`;
	}

	// ---------------------------------------------------------------- execute

	/**
	 * Runs a node's execute() the way n8n's WorkflowExecute does (runNode -> ExecuteContext), with
	 * `items` as its main input. Resolves to what execute() returned (INodeExecutionData[][]), or
	 * null when n8n would not run the node (no input items). Rejects with the error the node threw.
	 * options: parameters, items, continueOnFail, onError, credentials ({type: id|{id,name}|null}),
	 * mode ('manual' default), binaryMode, typeVersion, nodeName, abortSignal, settings.
	 */
	async execute(NodeClass, options = {}) {
		await this.ready();
		setBinaryMode(this.env, options.binaryMode ?? this.binaryMode);
		const mode = options.mode ?? 'manual';
		const { node } = this.buildNode(NodeClass, options);
		const workflow = this.buildWorkflow([node], { settings: options.settings });
		const executionId = this.nextExecutionId();
		const hooks = new core.ExecutionLifecycleHooks(mode, executionId, {
			id: this.workflowId,
			name: workflow.name,
			nodes: [node],
			connections: {},
			active: false,
			settings: workflow.settings,
		});
		const additionalData = this.additionalData({
			executionId,
			currentNodeParameters: node.parameters,
			hooks,
			mode,
		});
		const runExecutionData = createRunExecutionData();
		const items = normalizeItems(options.items);
		const executionData = { node, data: { main: [items] }, source: null };
		const engine = new core.WorkflowExecute(additionalData, mode, runExecutionData);
		const abortController = new AbortController();
		if (options.abortSignal) {
			options.abortSignal.addEventListener('abort', () => abortController.abort(), { once: true });
		}
		const run = { executionId, node, workflow, additionalData, runExecutionData, hints: [] };
		this.lastRun = run;
		let status = 'success';
		try {
			const response = await engine.runNode(
				workflow,
				executionData,
				runExecutionData,
				0,
				additionalData,
				mode,
				abortController.signal,
			);
			run.hints = response?.hints ?? [];
			run.data = response?.data ?? null;
			return run.data;
		} catch (error) {
			status = 'error';
			run.error = error;
			throw error;
		} finally {
			await hooks.runHook('workflowExecuteAfter', [
				{ status, mode, data: runExecutionData, startedAt: new Date(), finished: status === 'success' },
			]);
		}
	}

	// ---------------------------------------------------------------- poll

	/**
	 * Runs a polling trigger.
	 * mode 'trigger' (active workflow): n8n-core's PollTriggerExecutor with a PollContext wired like
	 * the CLI's TriggerExecutionContextFactory (durable cursors off, n8n's default): the node's static
	 * data is `staticData` itself (mutated in place and kept across calls, like the in-memory
	 * Workflow of an active workflow) and it counts as saved only when the poll emitted
	 * (`h.savedStaticData[nodeName]`). A poll error is what n8n would record as a failed trigger;
	 * the harness rejects with it.
	 * mode 'manual' ("Fetch Test Event"): WorkflowExecute.runNode -> executePollNode, on a copy of
	 * `staticData` that is discarded (n8n does not save static data of manual executions).
	 * Resolves to poll()'s return (INodeExecutionData[][] or null).
	 */
	async poll(TriggerClass, options = {}) {
		await this.ready();
		setBinaryMode(this.env, options.binaryMode ?? this.binaryMode);
		const mode = options.mode ?? 'trigger';
		const { node } = this.buildNode(TriggerClass, options);
		const staticData = options.staticData ?? {};
		const key = `node:${node.name}`;
		const executionId = this.nextExecutionId();
		const poll = { executionId, node, mode, emitted: undefined, error: undefined };
		this.lastPoll = poll;

		if (mode === 'manual') {
			const workflow = this.buildWorkflow([node], { staticData: { [key]: deepCopy(staticData) } });
			const hooks = new core.ExecutionLifecycleHooks(mode, executionId, {
				id: this.workflowId,
				nodes: [node],
				connections: {},
				active: false,
			});
			const additionalData = this.additionalData({
				executionId,
				currentNodeParameters: node.parameters,
				hooks,
				mode,
			});
			const runExecutionData = createRunExecutionData();
			const engine = new core.WorkflowExecute(additionalData, mode, runExecutionData);
			const response = await engine.runNode(
				workflow,
				{ node, data: { main: [[{ json: {} }]] }, source: null },
				runExecutionData,
				0,
				additionalData,
				mode,
			);
			poll.result = response?.data ?? null;
			return poll.result;
		}

		const workflow = this.buildWorkflow([node], { staticData: { [key]: staticData } });
		workflow.active = true;
		// Trigger-mode executions get no execution id until the emitted run starts.
		const additionalData = this.additionalData({
			executionId: undefined,
			currentNodeParameters: node.parameters,
			mode,
		});
		let pollResult = null;
		const pollFunctions = new core.PollContext(
			workflow,
			node,
			additionalData,
			mode,
			options.activation ?? 'activate',
			(data) => {
				pollResult = data;
				poll.emitted = data;
				// CLI: workflowStaticDataService.saveStaticData(workflow) on every emit.
				this.savedStaticData[node.name] = deepCopy(workflow.getStaticData('node', node));
			},
			(error) => {
				poll.error = error;
			},
		);
		let executor;
		try {
			executor = Container.get(core.PollTriggerExecutor);
		} catch (error) {
			executor = undefined;
			this.env.logs.push({ level: 'warn', message: `PollTriggerExecutor unavailable: ${error.message}` });
		}
		if (executor) {
			await executor.create(workflow, node, pollFunctions, () => true)(false);
		} else {
			const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			try {
				const data = await nodeType.poll.call(pollFunctions);
				if (data !== null) pollFunctions.__emit(data);
			} catch (error) {
				pollFunctions.__emitError(error);
			}
		}
		if (poll.error) throw poll.error;
		poll.result = pollResult;
		return pollResult;
	}

	// ---------------------------------------------------------------- load options / list search

	/** n8n's DynamicNodeParametersService.getWorkflow + getThisArg. */
	async loadOptionsContext(NodeClass, options = {}) {
		await this.ready();
		const { node } = this.buildNode(NodeClass, { ...options, nodeName: 'Temp-Node', nodeId: 'uuid-1234' });
		const currentNodeParameters = deepCopy(options.parameters ?? {});
		const workflow = this.buildWorkflow([node]);
		const additionalData = this.additionalData({
			executionId: undefined,
			currentNodeParameters,
			mode: 'internal',
		});
		const context = new core.LoadOptionsContext(
			workflow,
			workflow.nodes['Temp-Node'],
			additionalData,
			options.path ?? 'parameters',
		);
		return { context, workflow };
	}

	/** Calls methods.listSearch[methodName](filter, paginationToken) like the editor does. */
	async listSearch(NodeClass, methodName, filter, options = {}) {
		const { context, workflow } = await this.loadOptionsContext(NodeClass, options);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(
			context.node.type,
			context.node.typeVersion,
		);
		const method = nodeType.methods?.listSearch?.[methodName];
		if (typeof method !== 'function') {
			throw new Error(`harness: node has no listSearch method "${methodName}"`);
		}
		const result = await method.call(context, filter, options.paginationToken);
		const token = result?.paginationToken;
		return typeof token === 'number' ? { ...result, paginationToken: String(token) } : result;
	}

	/** Calls methods.loadOptions[methodName]() like the editor does. */
	async loadOptions(NodeClass, methodName, options = {}) {
		const { context, workflow } = await this.loadOptionsContext(NodeClass, options);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(
			context.node.type,
			context.node.typeVersion,
		);
		const method = nodeType.methods?.loadOptions?.[methodName];
		if (typeof method !== 'function') {
			throw new Error(`harness: node has no loadOptions method "${methodName}"`);
		}
		return await method.call(context);
	}

	// ---------------------------------------------------------------- credential test

	/**
	 * n8n's CredentialsTester.testCredentials for a credential type with a `test` request
	 * (ICredentialTestRequest): applyDefaultsAndOverwrites, then the request is run by n8n-core's
	 * RoutingNode in an ExecuteContext on a temp 'noOp' node, through httpRequestWithAuthentication
	 * with `credentialsDecrypted`, and judged by `rules` exactly as in n8n 2.41.1.
	 * `data` defaults to the stored data of that type; the credential id defaults to the stored row
	 * of that type (the row a preAuthentication result would be persisted into).
	 * Resolves to { status: 'OK'|'Error', message }.
	 */
	async testCredential(CredentialClassOrName, data, options = {}) {
		await this.ready();
		let typeName;
		if (typeof CredentialClassOrName === 'string') {
			typeName = CredentialClassOrName;
		} else {
			const probe = instantiate(CredentialClassOrName);
			typeName = probe.name;
			if (!this.credentialTypes.has(typeName)) this.credentialTypes.register(probe);
		}
		const credentialType = this.credentialTypes.getByName(typeName);
		const row = options.id ? this.store.row(options.id) : this.store.firstOfType(typeName);
		const credentialsDecrypted = {
			id: options.id ?? row?.id,
			name: options.name ?? row?.name ?? `${typeName} account`,
			type: typeName,
			data: data !== undefined ? deepCopy(data) : row ? await this.store.get(row.id) : {},
		};
		if (!credentialType.test) {
			return { status: 'Error', message: 'No testing function found for this credential.' };
		}
		const testRequest = credentialType.test;
		const baseAdditionalData = this.additionalData({ mode: 'internal' });
		try {
			credentialsDecrypted.data = await this.credentialsHelper.applyDefaultsAndOverwrites(
				baseAdditionalData,
				credentialsDecrypted.data,
				typeName,
				'internal',
				undefined,
				undefined,
			);
		} catch (error) {
			return { status: 'Error', message: error.message.toString() };
		}

		// runRequestTest(): n8n-nodes-base's NoOp description (name 'noOp') with one 'temp' property
		// whose routing is the test request.
		const noOpDescription = {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		};
		const node = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: noOpDescription.name,
			typeVersion: 1,
			position: [0, 0],
			credentials: {
				[typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
			},
		};
		const nodeTypeCopy = {
			description: {
				...noOpDescription,
				credentials: [{ name: typeName, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: testRequest.request },
						default: '',
					},
				],
			},
		};
		const mockNodeTypes = {
			getKnownTypes: () => ({}),
			getByName: () => nodeTypeCopy,
			getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeTypeCopy, version),
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: mockNodeTypes,
		});
		const mode = 'internal';
		const inputData = { main: [[{ json: {} }]] };
		const runExecutionData = createEmptyRunExecutionData();
		const additionalData = this.additionalData({ currentNodeParameters: node.parameters, mode });
		const storedCredentialsHelper = additionalData.credentialsHelper;
		const getDecrypted = async (d, nodeCredentials, type, m, executeData, raw, ...rest) =>
			raw
				? await storedCredentialsHelper.getDecrypted(d, nodeCredentials, type, m, executeData, raw, ...rest)
				: (credentialsDecrypted.data ?? {});
		additionalData.credentialsHelper = new Proxy(storedCredentialsHelper, {
			get(target, prop) {
				if (prop === 'getDecrypted') return getDecrypted;
				const value = Reflect.get(target, prop);
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		const executeData = { node, data: {}, source: null };
		const executeFunctions = new core.ExecuteContext(
			workflow,
			node,
			additionalData,
			mode,
			runExecutionData,
			0,
			[],
			inputData,
			executeData,
			[],
		);
		const routingNode = new core.RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);
		let response;
		try {
			await workflow.expression.acquireIsolate();
			response = await routingNode.runNode();
		} catch (error) {
			if (error.cause?.response) {
				const errorResponseData = {
					statusCode: error.cause.response.status,
					statusMessage: error.cause.response.statusText,
				};
				if (testRequest.rules) {
					for (const rule of testRequest.rules) {
						if (rule.type === 'responseCode' && errorResponseData.statusCode === rule.properties.value) {
							return { status: 'Error', message: rule.properties.message };
						}
					}
				}
				if (errorResponseData.statusCode < 199 || errorResponseData.statusCode > 299) {
					return {
						status: 'Error',
						message:
							errorResponseData.statusMessage ||
							`Received HTTP status code: ${errorResponseData.statusCode}`,
					};
				}
			} else if (error.cause?.code) {
				return { status: 'Error', message: error.cause.code };
			}
			return { status: 'Error', message: error.message.toString() };
		} finally {
			await workflow.expression.releaseIsolate();
		}
		if (testRequest.rules && Array.isArray(testRequest.rules)) {
			for (const rule of testRequest.rules) {
				if (rule.type === 'responseSuccessBody') {
					const responseData = response[0][0].json;
					if (get(responseData, rule.properties.key) === rule.properties.value) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	// ---------------------------------------------------------------- binary data

	/**
	 * An input item carrying a binary property, stored the way n8n's own nodes store one:
	 * a file path goes through n8n-core's copyBinaryFile (like Read/Write Files from Disk), a Buffer or
	 * Readable through prepareBinaryData. In filesystem mode the bytes land in the binary-data folder
	 * and the item gets an `id`; in default mode they are base64 in `data`.
	 * options: fileName, mimeType, json ({}), property ('data'), binaryMode.
	 */
	async binaryItem(source, options = {}) {
		await this.ready();
		setBinaryMode(this.env, options.binaryMode ?? this.binaryMode);
		const executionId = `input${this.nextExecutionId()}`;
		let binaryData;
		if (typeof source === 'string') {
			binaryData = await core.copyBinaryFile(
				this.workflowId,
				executionId,
				source,
				options.fileName ?? path.basename(source),
				options.mimeType,
			);
		} else {
			binaryData = await core.prepareBinaryData(
				source,
				executionId,
				this.workflowId,
				options.fileName,
				options.mimeType,
			);
		}
		return {
			json: options.json ?? {},
			binary: { [options.property ?? 'data']: binaryData },
			pairedItem: { item: 0 },
		};
	}

	/** Whole binary as a Buffer (n8n's BinaryDataService.getAsBuffer). For small files. */
	async readBinary(binaryData) {
		await this.ready();
		return await this.env.binaryDataService.getAsBuffer(binaryData);
	}

	/** Binary as a stream: from the store when it has an id, else from its base64 `data`. */
	async binaryStream(binaryData) {
		await this.ready();
		if (binaryData.id) return await this.env.binaryDataService.getAsStream(binaryData.id);
		return Readable.from([Buffer.from(binaryData.data, BINARY_ENCODING)]);
	}

	/** { size, hash, md5 } (or another algorithm) of a binary, computed over a stream. */
	async binaryDigest(binaryData, algorithm = 'md5') {
		return await digestStream(await this.binaryStream(binaryData), algorithm);
	}

	/** Absolute path of a filesystem-mode binary on disk (undefined for in-memory binaries). */
	async binaryPath(binaryData) {
		await this.ready();
		return binaryData.id ? this.env.binaryDataService.getPath(binaryData.id) : undefined;
	}

	/** Metadata n8n keeps beside a stored binary: { fileName, mimeType, fileSize }. */
	async binaryMetadata(binaryData) {
		await this.ready();
		return await this.env.binaryDataService.getMetadata(binaryData.id);
	}

	/** Folder of the filesystem binary store (per test file). */
	async binaryDataDir() {
		await this.ready();
		return this.env.binaryDataPath;
	}

	/** Deletes every stored binary of this harness' workflow (frees disk between big-file tests). */
	async clearBinaryData() {
		await this.ready();
		await fs.promises.rm(path.join(this.env.binaryDataPath, 'workflows', this.workflowId), {
			recursive: true,
			force: true,
		});
	}
}

function createHarness(options) {
	return new Harness(options);
}

module.exports = { createHarness, Harness, digestStream, outputProblems };
