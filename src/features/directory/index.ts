export { authorize as authorizeDirectory, can, type DirectoryAction } from './directory.policy.js';
export { directoryRoutes } from './directory.routes.js';
export { createRequesterFromMail, findOrganisationByDomain } from './mail-senders.js';
export { findOrganisation, findProvider, organisationScopeCondition } from './organisations.repo.js';
export { consumePasswordToken, issuePasswordToken } from './password-tokens.js';
export { presentOrganisation, presentUser } from './presenters.js';
export { organisationScopeFor } from './scope.js';
export { createOrganisationForSeed, createTeamForSeed, createUserForSeed } from './seed.js';
export {
  findUser,
  findUserByEmail,
  findUserById,
  insertUser,
  type UserRow,
  updateUserRow,
  userVisibility,
} from './users.repo.js';
