/** Shared by the server's validation and the set-up and user forms. */
export const MIN_PASSWORD_LENGTH = 10;
