import { type Role, staffRoles } from '../../contracts/common.js';

/** Who sees what in the web app. The server decides for real; this only shapes the interface. */
export const isStaff = (role: Role): boolean => staffRoles.includes(role);

/** The admin area: admins manage it; service managers may look. */
export const canReadAdmin = (role: Role): boolean => role === 'admin' || role === 'service_manager';

export const canManageDirectory = (role: Role): boolean => role === 'admin';

export const canReadAudit = (role: Role): boolean => role === 'admin';

export const isAdmin = (role: Role): boolean => role === 'admin';

/** Calendars, SLA policies and the escalation matrix: admins and service managers change them. */
export const canManageSla = (role: Role): boolean => role === 'admin' || role === 'service_manager';
