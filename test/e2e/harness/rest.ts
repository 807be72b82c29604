/**
 * n8n's internal REST API (the one its editor uses), for what a person would do in the editor: set up the
 * owner account, sign in, activate a workflow, look at executions.
 */

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	/** Null while the execution is created but not started yet. */
	startedAt: string | null;
	stoppedAt: string | null;
}

/** The part of an execution's run data the suite reads. */
export interface ExecutionData {
	resultData: {
		error?: { message: string };
		runData: Record<string, { error?: { message: string }; data?: { main: ({ json: Record<string, unknown> }[] | null)[] } }[]>;
	};
}

export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...(this.cookie ? { Cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text.slice(0, 500)}`);
		return (text ? (JSON.parse(text) as { data: T }).data : undefined) as T;
	}

	/** A GET outside /rest (such as the node and credential types the editor loads), signed in, parsed as JSON. */
	async getJson<T>(path: string): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, { headers: this.cookie ? { Cookie: this.cookie } : {} });
		if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
		return (await response.json()) as T;
	}

	/** The owner account of a new instance (only possible once); signs in as the owner. */
	async setupOwner(owner: Owner): Promise<void> {
		await this.request('POST', '/owner/setup', owner);
	}

	async login(owner: Owner): Promise<void> {
		await this.request('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** Whether the instance still shows "Set up owner account" on first load. */
	async needsOwnerSetup(): Promise<boolean> {
		const settings = await this.request<{ userManagement: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		return settings.userManagement.showSetupOnFirstLoad === true;
	}

	async workflow(id: string): Promise<{ id: string; versionId: string; active: boolean; activeVersionId?: string | null }> {
		return await this.request('GET', `/workflows/${encodeURIComponent(id)}`);
	}

	/** Publishes (activates) the workflow's current version, as the editor's Publish button does. */
	async activate(id: string): Promise<void> {
		const { versionId } = await this.workflow(id);
		await this.request('POST', `/workflows/${encodeURIComponent(id)}/activate`, { versionId });
	}

	/** Unpublishes (deactivates) the workflow, as the editor's Unpublish does. */
	async deactivate(id: string): Promise<void> {
		await this.request('POST', `/workflows/${encodeURIComponent(id)}/deactivate`, {});
	}

	/** The error n8n recorded when it last failed to activate the workflow's triggers, if any. */
	async activationError(id: string): Promise<string | undefined> {
		const error = await this.request<unknown>('GET', `/active-workflows/error/${encodeURIComponent(id)}`);
		if (error === null || error === undefined || error === '') return undefined;
		return typeof error === 'string' ? error : JSON.stringify(error);
	}

	/**
	 * One execution with its run data. n8n's REST API sends the run data as `flatted` text (the format it stores
	 * it in); `parse` is flatted's parse (n8n's own copy, so the suite adds no dependency for it).
	 */
	async execution(id: string, parse: (text: string) => unknown): Promise<ExecutionSummary & { data: ExecutionData }> {
		const execution = await this.request<ExecutionSummary & { data: string | ExecutionData }>('GET', `/executions/${encodeURIComponent(id)}`);
		return { ...execution, data: typeof execution.data === 'string' ? (parse(execution.data) as ExecutionData) : execution.data };
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=100`);
		return page.results;
	}
}
