export { type DirectoryAction, authorize as authorizeDirectory, can } from './directory.policy.js';
export { directoryRoutes } from './directory.routes.js';
export { createOrganisationForSeed, createTeamForSeed, createUserForSeed } from './seed.js';
export { findOrganisation, findProvider, organisationScopeCondition } from './organisations.repo.js';
export { consumePasswordToken, issuePasswordToken } from './password-tokens.js';
export { presentOrganisation, presentUser } from './presenters.js';
export { organisationScopeFor } from './scope.js';
export { findUserByEmail, findUserById, insertUser, type UserRow, updateUserRow } from './users.repo.js';
