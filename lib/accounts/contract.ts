import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-rules";
import { PROJECT_ROLES } from "./roles";
import { projectNameSchema } from "../runs/contract";
import { text } from "../core/validation/text";

export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: "1–64 letters, digits, '.', '_' or '-', starting with a letter or digit" });

// scrypt hashes whatever it is given; the cap only keeps a request from making the server hash megabytes.
export const passwordSchema = text().min(MIN_PASSWORD_LENGTH, { error: `at least ${MIN_PASSWORD_LENGTH} characters` }).max(1024);

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
