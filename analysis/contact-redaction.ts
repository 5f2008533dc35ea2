/**
 * Integration point for contact-id redaction, owned by the micro-business issue (analysis/microbiz/contacts.ts).
 * Gives the redactor normalization calls on every text before links and mentions are pulled out, so WeChat/QQ/
 * phone ids are replaced by a placeholder everywhere and never reach the index in clear.
 */
import { CONTACT_PLACEHOLDER, redactContacts } from './microbiz/contacts.js';

export type ContactRedactor = (text: string) => { text: string; count: number };

export const defaultContactRedactor: ContactRedactor | null = redactContacts;

/** The word jieba sees inside the placeholder (联系方式): never a keyword, it says nothing about the topic. */
export const contactPlaceholderWord = CONTACT_PLACEHOLDER.replace(/[【】\[\]]/g, '');
