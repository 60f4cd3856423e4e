/** Log-in names: 3–64 letters, digits, `_ . @ -`; shared by the API and the web form. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{3,64}$/;
