import {
  AuditorService,
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { AI_PLATFORM_TEAM_RESOURCE_TYPE } from '@ai-platform/plugin-ai-platform-common';
import { JsonObject } from '@backstage/types';
import express from 'express';
import { z } from 'zod/v3';
import { parseInput } from './parseInput';

/** Who acts: a user, or a backend service on its own behalf (no team memberships). */
export interface Actor {
  userRef: string;
  /** The user and the groups the user belongs to. */
  ownershipRefs: string[];
}

/** What may call a route: users, or users and other backend plugins. */
export type Callers = Array<'user' | 'service'>;

/** A create request's options: a dry run answers without storing; a key makes retries safe. */
export interface CreateOptions {
  actor: Actor;
  idempotencyKey?: string;
  dryRun?: boolean;
}

/**
 * What every domain's router needs of a request: identity, permission decisions, the actor,
 * input parsing and audit events. One instance serves every router, so each route reads as
 * the rule it applies rather than the plumbing.
 */
export interface RequestContext {
  /** The caller's credentials (401 without); users only unless `allow` says otherwise. */
  credentials(
    req: express.Request,
    allow?: Callers,
  ): Promise<BackstageCredentials>;
  /** The caller's credentials once `permission` is allowed (403 naming it otherwise). */
  authorize(
    req: express.Request,
    permission: BasicPermission,
    allow?: Callers,
  ): Promise<BackstageCredentials>;
  /** Whether each permission is allowed, in one round trip. */
  decide(
    credentials: BackstageCredentials,
    permissions: BasicPermission[],
  ): Promise<boolean[]>;
  /**
   * Whether a team-scoped permission is allowed for one team: a policy may answer with
   * conditions (`IS_TEAM_MEMBER`), which the permission framework resolves against the team.
   */
  decideForTeam(
    credentials: BackstageCredentials,
    permission: ResourcePermission<typeof AI_PLATFORM_TEAM_RESOURCE_TYPE>,
    teamRef: string,
  ): Promise<boolean>;
  /** The user and their groups, or a service's subject with none. */
  actor(credentials: BackstageCredentials): Promise<Actor>;
  /** Runs a change as an auditor event that records its outcome. */
  audited<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
  ): Promise<T>;
  /** Validates a body or query, or throws InputError (400) naming each bad field. */
  parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T;
  /**
   * A team's create route: the permission, the body, the caller as actor, `?dryRun=true` and
   * `Idempotency-Key`; a real create is audited and answers 201, a dry run 200.
   */
  create<I, R>(
    req: express.Request,
    res: express.Response,
    options: {
      permission: BasicPermission;
      schema: z.ZodType<I, z.ZodTypeDef, unknown>;
      eventId: string;
      meta: (input: I) => JsonObject;
      run: (input: I, options: CreateOptions) => Promise<R>;
    },
  ): Promise<void>;
}

export function createRequestContext(services: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
}): RequestContext {
  const { httpAuth, permissions, userInfo, auditor } = services;

  const context: RequestContext = {
    credentials: (req, allow = ['user']) =>
      httpAuth.credentials(req, { allow }),

    async authorize(req, permission, allow) {
      const credentials = await context.credentials(req, allow);
      const [allowed] = await context.decide(credentials, [permission]);
      if (!allowed) {
        throw new NotAllowedError(
          `You do not have the ${permission.name} permission`,
        );
      }
      return credentials;
    },

    async decide(credentials, wanted) {
      const decisions = await permissions.authorize(
        wanted.map(permission => ({ permission })),
        { credentials },
      );
      return decisions.map(d => d.result === AuthorizeResult.ALLOW);
    },

    async decideForTeam(credentials, permission, teamRef) {
      const [decision] = await permissions.authorize(
        [{ permission, resourceRef: teamRef }],
        { credentials },
      );
      return decision.result === AuthorizeResult.ALLOW;
    },

    async actor(credentials) {
      const principal = credentials.principal as
        | BackstageUserPrincipal
        | BackstageServicePrincipal
        | BackstageNonePrincipal;
      if (principal.type === 'user') {
        const info = await userInfo.getUserInfo(credentials);
        return {
          userRef: info.userEntityRef,
          ownershipRefs: info.ownershipEntityRefs,
        };
      }
      const subject =
        principal.type === 'service' ? principal.subject : principal.type;
      return { userRef: subject, ownershipRefs: [] };
    },

    async audited(req, eventId, meta, fn) {
      const event = await auditor.createEvent({
        eventId,
        request: req,
        severityLevel: 'medium',
        meta,
      });
      try {
        const result = await fn();
        await event.success();
        return result;
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },

    parse: parseInput,

    async create(req, res, options) {
      const credentials = await context.authorize(req, options.permission);
      const input = context.parse(options.schema, req.body);
      const dryRun = req.query.dryRun === 'true';
      const createOptions: CreateOptions = {
        actor: await context.actor(credentials),
        idempotencyKey: req.header('idempotency-key') || undefined,
        dryRun,
      };
      const run = () => options.run(input, createOptions);
      const result = dryRun
        ? await run()
        : await context.audited(req, options.eventId, options.meta(input), run);
      res.status(dryRun ? 200 : 201).json(result);
    },
  };
  return context;
}
