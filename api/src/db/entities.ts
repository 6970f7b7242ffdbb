import { ApiToken } from '../tokens/api-token.entity.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { Team } from '../teams/team.entity.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { User } from '../users/user.entity.js';
import { UserSession } from '../auth/user-session.entity.js';

/** Every entity, listed by hand: the data source and the migration generator read this. */
export const ENTITIES = [User, UserSession, ApiToken, Organization, Membership, Team, TeamMember, Project, ProjectKey];
