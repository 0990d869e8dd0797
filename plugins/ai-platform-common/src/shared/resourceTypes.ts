/**
 * Resource type of team-owned things: a team-scoped permission is checked against the owning
 * team's group ref, so a policy can answer it with the backend's `IS_TEAM_MEMBER` condition.
 */
export const AI_PLATFORM_TEAM_RESOURCE_TYPE = 'ai-platform-team';
