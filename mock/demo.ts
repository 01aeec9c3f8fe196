// The demo account's credentials: what a fresh mock accepts unless told otherwise (printed in its banner).
export const DEMO_CREDENTIALS = { clientId: "demo-client-id", clientSecret: "demo-client-secret" } as const;
