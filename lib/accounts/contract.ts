import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-rules";
import { PROJECT_ROLES } from "./roles";
import { projectNameSchema } from "../runs/contract";
import { text } from "../core/validation/text";
import { isoTimeSchema } from "../core/validation/numbers";

export const usernameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: "1–64 letters, digits, '.', '_' or '-', starting with a letter or digit" });

// scrypt hashes whatever it is given; the cap only keeps a request from making the server hash megabytes.
export const passwordSchema = text()
  .min(MIN_PASSWORD_LENGTH, { error: `at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(1024);

export const credentialsSchema = z.strictObject({ username: usernameSchema, password: text().min(1).max(1024) });
export type Credentials = z.infer<typeof credentialsSchema>;

export const createUserSchema = z.strictObject({ username: usernameSchema, password: passwordSchema, is_admin: z.boolean().default(false) });
export type CreateUserInput = z.infer<typeof createUserSchema>;

// `current_password`: needed when users change their own password (a stolen session alone must not take the account).
export const updateUserSchema = z.strictObject({
  password: passwordSchema.optional(),
  current_password: text().min(1).max(1024).optional(),
  is_admin: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

export const setMemberSchema = z.strictObject({ username: usernameSchema, role: z.enum(PROJECT_ROLES) });

export const createProjectSchema = z.strictObject({ name: projectNameSchema });

export const createKeySchema = z.strictObject({
  project: projectNameSchema,
  name: text().max(100).optional(),
  scope: z.enum(["write", "read"]).optional(),
});
export type CreateKeyInput = z.infer<typeof createKeySchema>;

// ---- Responses ----

export const KEY_SCOPES = ["write", "read"] as const;

export const userSchema = z.strictObject({
  id: z.int().positive(),
  username: z.string(),
  is_admin: z.boolean(),
  created_at: isoTimeSchema,
  disabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** POST /api/v1/auth/login, /auth/setup, /users; PATCH /users/{userId} */
export const userBodySchema = z.strictObject({ user: userSchema });
/** GET /api/v1/users */
export const userListSchema = z.strictObject({ users: z.array(userSchema) });
export type UserList = z.infer<typeof userListSchema>;

/** GET /api/v1/auth/me: who this request is. */
export const meSchema = z.strictObject({
  mode: z.enum(["local", "accounts"]),
  user: userSchema.nullable(),
  key: z.strictObject({ id: z.int().positive(), scope: z.enum(KEY_SCOPES) }).nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const memberSchema = z.strictObject({ user_id: z.int().positive(), username: z.string(), role: z.enum(PROJECT_ROLES), is_admin: z.boolean() });
export type Member = z.infer<typeof memberSchema>;
/** GET /api/v1/projects/{project}/members */
export const memberListSchema = z.strictObject({ members: z.array(memberSchema) });
export type MemberList = z.infer<typeof memberListSchema>;
/** PUT /api/v1/projects/{project}/members */
export const memberBodySchema = z.strictObject({ member: memberSchema });
export type MemberBody = z.infer<typeof memberBodySchema>;

/** A key as listed: its prefix only (the key itself is shown once, when created). */
export const apiKeySummarySchema = z.strictObject({
  id: z.int().positive(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(KEY_SCOPES),
  created_at: isoTimeSchema,
  last_used_at: isoTimeSchema.nullable(),
  revoked_at: isoTimeSchema.nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;
/** GET /api/v1/projects/{project}/keys */
export const apiKeyListSchema = z.strictObject({ keys: z.array(apiKeySummarySchema) });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

/** POST /api/v1/projects/{project}/keys and /api/internal/keys: the new key, the only time it is seen. */
export const createdApiKeySchema = z.strictObject({
  id: z.int().positive(),
  key: z.string(),
  project: z.string(),
  name: z.string(),
  scope: z.enum(KEY_SCOPES),
  prefix: z.string(),
  created_at: isoTimeSchema,
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
