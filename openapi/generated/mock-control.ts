// Generated from openapi/mock-control.yaml by `npm run generate`. Do not edit.
export interface paths {
    "/__mock/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is the mock up (and is it this project's mock) */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Back to the seed
         * @description Every account goes (isolated ones too); the demo account comes back as the seed has it.
         */
        post: operations["reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every account, with counts */
        get: operations["listAccounts"];
        put?: never;
        /** A fresh isolated account, seeded like the demo one */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/accounts/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole state of one account */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/accounts/{clientId}/clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an account's clock forward */
        post: operations["advanceClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/accounts/{clientId}/payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Whether paid orders succeed at once or wait for payment
         * @description `auto` (the default): paid orders succeed at once, as the tutorials show. `manual`: a paid order is answered
         *     with `orderStatus: pending` and changes nothing until it is settled. Trials never wait. The lifecycle is
         *     assumed: the vendor documents the statuses, not how an API order reaches them.
         */
        post: operations["setPaymentMode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/accounts/{clientId}/orders/{orderNo}/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Settle a pending order
         * @description `succeed` makes the order's change now (against the instance as it is now); `failed` and `cancelled` never
         *     make it. An order that is not pending is 409 `order_not_pending`.
         */
        post: operations["settleOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the demo account's clock forward */
        post: operations["advanceDemoClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The armed faults */
        get: operations["listFaults"];
        put?: never;
        /**
         * Arm a fault for the next matching vendor requests
         * @description `error` answers with the given status and code; `latency` delays the request after it is read;
         *     `drop` closes the connection without an answer; `lose-response` makes the change and then closes the
         *     connection (the answer is lost). All given matchers must match; `clientId` must name an account.
         */
        post: operations["injectFault"];
        /** Disarm every fault */
        delete: operations["clearFaults"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The last 500 requests, with their bodies as received (secrets redacted), filtered
         * @description Verify what your code sent: each entry has the method, path (sensitive query values redacted), status
         *     (0: no answer, a dropped or lost response), latency, requestId, the vendor or control `operationId` and the
         *     authenticated `clientId`, and the request `body` exactly as received, 64-bit IDs intact. Fields named like
         *     a secret or token (`client_secret`, `refresh_token`, `password`, ...) read `[redacted]`, in JSON, form and
         *     multipart bodies alike; headers are never kept. A body is cut after 65,536 characters (`bodyTruncated`);
         *     the log keeps at most 4 MiB of body text, emptying the oldest bodies first. The page, its live log, the
         *     API reference and the favicon (`asset: true`) are left out unless `include=assets`. All given filters
         *     must match.
         */
        get: operations["listRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The request log, live (Server-Sent Events)
         * @description One `request` event per completed request: its log entry without the body (read bodies from
         *     /__mock/requests). A subscriber that stops reading is cut off once 256 KiB are queued for it. At most 16
         *     subscribers at once; one more gets 429 `too_many_requests`. Browsers, which cannot
         *     set headers on EventSource, may pass the control token as `?token=`.
         */
        get: operations["events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Success: {
            /** @constant */
            code: "success";
            /** @constant */
            detailMessage: "";
            requestId: string;
            /** @constant */
            status: 200;
        };
        ErrorResponse: {
            code: string;
            detailMessage: string;
            requestId: string;
            result: {
                field?: string;
                tag?: string;
            };
            status: number;
        };
        Credentials: {
            clientId: string;
            clientSecret: string;
            username?: string;
        };
        CredentialsResponse: components["schemas"]["Success"] & {
            result?: components["schemas"]["Credentials"];
        };
        HealthResponse: components["schemas"]["Success"] & {
            result?: {
                /** @constant */
                ok: true;
                /** @constant */
                mock: "yeastar-partner-portal-mock";
                memoryMb?: {
                    [key: string]: number;
                };
            };
        };
        AccountSummary: {
            clientId: string;
            username: string;
            orders: number;
            instances: number;
        };
        AccountListResponse: components["schemas"]["Success"] & {
            result?: components["schemas"]["AccountSummary"][];
        };
        AccountState: {
            clientId: string;
            ucId: string;
            username: string;
            clock: {
                /** Format: date-time */
                now: string;
                offsetSeconds: number;
            };
            billingContacts: {
                [key: string]: unknown;
            }[];
            subordinates: {
                [key: string]: unknown;
            }[];
            instances: ({
                instanceId: string;
                productNo: string;
                planId: string;
                /** @enum {unknown} */
                status: "trial" | "active" | "expired";
                /** Format: date-time */
                expireDate: string;
            } & {
                [key: string]: unknown;
            })[];
            /** @description Newest first, with the request as received (`requestText`) and the result answered. */
            orders: {
                [key: string]: unknown;
            }[];
            trialsUsed: string[];
            /** @description The catalog's plan and service names by ID, for the page. */
            names?: {
                [key: string]: string;
            };
        };
        AccountStateResponse: components["schemas"]["Success"] & {
            result?: components["schemas"]["AccountState"];
        };
        ClockResponse: components["schemas"]["Success"] & {
            result?: {
                clientId: string;
                /** Format: date-time */
                now: string;
            };
        };
        /**
         * @description What an armed fault does to the next matching requests (the table in mock/faults.ts): `error` answers an
         *     error envelope instead; `latency` delays the request before it is handled; `drop` closes the connection
         *     without an answer; `lose-response` handles the request (an order is made) and then closes the connection.
         * @enum {string}
         */
        FaultKind: "error" | "latency" | "drop" | "lose-response";
        FaultSpec: {
            kind: components["schemas"]["FaultKind"];
            /**
             * @description An operationId of the vendor API.
             * @enum {unknown}
             */
            operationId?: "requestToken" | "listSubordinates" | "listBillingContacts" | "listProducts" | "getPurchaseProductInfo" | "createOrder" | "listOrders" | "getOrder" | "listInstanceProducts" | "getInstanceProduct" | "getProductModel" | "getPlanInfo" | "getAddOnInfo" | "getPriceInfo" | "getSubordinate";
            /** @enum {unknown} */
            method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
            path?: string;
            /** @description Only requests authenticated as this account; it must exist. */
            clientId?: string;
            /** @default 1 */
            count: number;
            /** @description For `error` (default 500). */
            status?: number;
            /** @description For `error`; an error code of the vendor API (default the first code with that status). */
            code?: string;
            detailMessage?: string;
            /** @description For `latency` (default 1000). */
            latencyMs?: number;
        };
        /** @description An armed fault (the spec it was armed with, its ID and the uses left). */
        Fault: {
            id: string;
            kind: components["schemas"]["FaultKind"];
            operationId?: string;
            method?: string;
            path?: string;
            clientId?: string;
            count: number;
            remaining: number;
            status?: number;
            code?: string;
            detailMessage?: string;
            latencyMs?: number;
        };
        FaultResponse: components["schemas"]["Success"] & {
            result?: components["schemas"]["Fault"];
        };
        FaultListResponse: components["schemas"]["Success"] & {
            result?: components["schemas"]["Fault"][];
        };
        ClearedResponse: components["schemas"]["Success"] & {
            result?: {
                cleared: number;
            };
        };
        LogEntry: {
            at: number;
            time: string;
            method: string;
            path: string;
            status: number;
            ms: number;
            requestId: string;
            clientId?: string;
            /** @description The operation the request was routed to (absent for page assets, 404s and 405s). */
            operationId?: string;
            /** @description The body as received, secrets redacted (absent when the operation takes no body). */
            body?: string;
            /**
             * @description The body was cut at 65,536 characters, or emptied to keep the log within its budget.
             * @constant
             */
            bodyTruncated?: true;
            /**
             * @description The page, its live log, /docs or the favicon.
             * @constant
             */
            asset?: true;
        };
        RequestListResponse: components["schemas"]["Success"] & {
            result?: components["schemas"]["LogEntry"][];
        };
    };
    responses: {
        /** @description The account's credentials. */
        Credentials: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CredentialsResponse"];
            };
        };
        /** @description The account's clock, moved. */
        Clock: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ClockResponse"];
            };
        };
        /** @description A refusal in the envelope. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        ClientId: string;
    };
    requestBodies: {
        /** @description Nothing to say; send `{}`. */
        Empty: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        Advance: {
            content: {
                "application/json": {
                    /** @description How far to move the clock (up to 10 years). */
                    seconds: number;
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Empty"];
        responses: {
            200: components["responses"]["Credentials"];
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    listAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The accounts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountListResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Empty"];
        responses: {
            200: components["responses"]["Credentials"];
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Its clock, contacts, subordinates, instances, orders and trials. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountStateResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    advanceClock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Advance"];
        responses: {
            200: components["responses"]["Clock"];
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    setPaymentMode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    mode: "auto" | "manual";
                };
            };
        };
        responses: {
            /** @description The mode now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        result?: {
                            clientId: string;
                            /** @enum {unknown} */
                            mode: "auto" | "manual";
                        };
                    };
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    settleOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: components["parameters"]["ClientId"];
                /** @description The order number (or the order ID). */
                orderNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    outcome: "succeed" | "failed" | "cancelled";
                };
            };
        };
        responses: {
            /** @description The order, settled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        result?: {
                            orderNo: string;
                            /** @enum {unknown} */
                            status: "succeed" | "failed" | "cancelled";
                        };
                    };
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    advanceDemoClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Advance"];
        responses: {
            200: components["responses"]["Clock"];
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    listFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The faults, in the order they match. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaultListResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    injectFault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaultSpec"];
            };
        };
        responses: {
            /** @description The armed fault, with its ID. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaultResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    clearFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many were armed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClearedResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    listRequests: {
        parameters: {
            query?: {
                /** @description An operationId of the vendor API or of this control API. */
                operationId?: string;
                /** @description Only requests authenticated as this account. */
                clientId?: string;
                method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
                /** @description The request path exactly, without the query string. */
                path?: string;
                /** @description The answered HTTP status (0 for no answer). */
                status?: number;
                /** @description `assets`: the page, its live log, /docs and the favicon too. */
                include?: "assets";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestListResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
    events: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description As many subscribers as allowed are connected already. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            "4XX": components["responses"]["Error"];
            default: components["responses"]["Error"];
        };
    };
}
