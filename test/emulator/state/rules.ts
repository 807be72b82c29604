import { createHash } from 'node:crypto';
import { ItemNotFoundError, MalformedIdError } from './store';

/**
 * Each mailbox's Inbox rules (`/users/{id}/mailFolders/inbox/messageRules`), as Graph shapes them: conditions,
 * exceptions (messageRulePredicates) and actions (messageRuleActions) kept as the JSON the client sent, under the
 * metadata's property names. Checking them is Graph's business (graph/inbox-rules.ts), running them too.
 */

export type RuleParts = Record<string, unknown>;

export interface StoredRule {
	id: string;
	displayName: string;
	sequence: number;
	isEnabled: boolean;
	/** Made by Outlook in a form the rules API cannot represent: Graph refuses to change or delete it. */
	isReadOnly: boolean;
	conditions?: RuleParts;
	exceptions?: RuleParts;
	actions?: RuleParts;
	/** Creation order, to order rules of the same sequence. */
	serial: number;
}

export type RuleFields = Omit<StoredRule, 'id' | 'serial'>;

/** Graph refuses to change or delete a read-only rule (one Outlook made that the rules API cannot represent). */
export class ReadOnlyRuleError extends Error {
	constructor(readonly ruleId: string) {
		super(`rule ${ruleId} is read-only`);
		this.name = 'ReadOnlyRuleError';
	}
}

/** Exchange's rule ids are short: base64 of 8 bytes, such as `AQAAAJ5dZqA=`. */
function ruleId(userId: string, serial: number): string {
	const bytes = Buffer.alloc(8);
	bytes[0] = 1;
	createHash('sha256').update(`rule:${userId}:${serial}`).digest().copy(bytes, 4, 0, 2);
	bytes.writeUInt16BE(serial & 0xffff, 6);
	return bytes.toString('base64');
}

function isRuleId(value: string): boolean {
	if (!/^[A-Za-z0-9+/]{11}=$/.test(value)) return false;
	return Buffer.from(value, 'base64').length === 8;
}

interface RuleList {
	items: StoredRule[];
	serial: number;
}

export class InboxRules {
	private readonly lists = new Map<string, RuleList>();

	/** The mailbox's rules in the order Exchange runs them: by sequence, then by creation. */
	list(userId: string): StoredRule[] {
		return [...this.of(userId).items].sort((a, b) => a.sequence - b.sequence || a.serial - b.serial);
	}

	get(userId: string, id: string): StoredRule {
		if (!isRuleId(id)) throw new MalformedIdError(id);
		const found = this.of(userId).items.find((rule) => rule.id === id);
		if (!found) throw new ItemNotFoundError(id);
		return found;
	}

	add(userId: string, fields: RuleFields): StoredRule {
		const list = this.of(userId);
		const serial = ++list.serial;
		const rule: StoredRule = { ...structuredClone(fields), id: ruleId(userId.toLowerCase(), serial), serial };
		list.items.push(rule);
		return rule;
	}

	/** Replaces the rule's fields (a PATCH merged by the caller); a read-only rule is ReadOnlyRuleError. */
	update(userId: string, id: string, fields: RuleFields): StoredRule {
		const rule = this.get(userId, id);
		if (rule.isReadOnly) throw new ReadOnlyRuleError(id);
		const { conditions, exceptions, actions, ...rest } = structuredClone(fields);
		delete rule.conditions;
		delete rule.exceptions;
		delete rule.actions;
		Object.assign(rule, rest, conditions ? { conditions } : {}, exceptions ? { exceptions } : {}, actions ? { actions } : {});
		return rule;
	}

	delete(userId: string, id: string): void {
		const rule = this.get(userId, id);
		if (rule.isReadOnly) throw new ReadOnlyRuleError(id);
		const list = this.of(userId);
		list.items = list.items.filter((candidate) => candidate !== rule);
	}

	private of(userId: string): RuleList {
		const key = userId.toLowerCase();
		let list = this.lists.get(key);
		if (!list) {
			list = { items: [], serial: 0 };
			this.lists.set(key, list);
		}
		return list;
	}
}
