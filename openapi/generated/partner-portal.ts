// Generated from openapi/partner-portal.yaml by `npm run generate`. Do not edit.
export interface paths {
    "/auth/openapi/v1/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request or refresh an access token
         * @description `grant_type=pp_credentials` exchanges the Client ID and Client Secret for an access token (valid 30 minutes)
         *     and a refresh token (valid 15 days). `grant_type=refresh_token` exchanges the latest refresh token for a new
         *     pair. The body is a form, URL-encoded or multipart, as documented.
         */
        post: operations["requestToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/openapi/user/v1/client/partner_list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Subordinate User List
         * @description The calling partner's subordinate users. Use a `partnerId` from here to order for one of them.
         */
        get: operations["listSubordinates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/openapi/user/v1/client/billing_contact_list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Billing Contact List
         * @description The calling partner's billing contacts. Pass a `billingContactId` as the order's `billingId`.
         */
        get: operations["listBillingContacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pricing/openapi/purchase/v1/product_list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query Available Subscription Products */
        get: operations["listProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pricing/openapi/purchase/v1/purchase_product_info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Available Subscription / Trial Plans and Services for a Product
         * @description The plans and services of one product. Each plan appears once per purchase type it can be ordered with
         *     (`trial`, `purchase`, `renew`); the services nested in a plan are those that attach to it, and carry the
         *     plan's purchase type (a trial plan's services come back with `purchaseType: trial`, as documented).
         */
        get: operations["getPurchaseProductInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/openapi/order/v1/save": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an Order
         * @description Creates a trial, a purchase, a capacity expansion or service subscription, or a renewal. The tutorials
         *     show orders answered `orderStatus: succeed`; the documented statuses also include `pending` (an order
         *     waiting for payment in the portal), `failed`, `cancelled` and others. How an API order reaches them is not
         *     documented (assumed here: a paid order may be answered `pending` and settle later; a trial never waits).
         *     A trial has no order number, order ID or transaction.
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/openapi/order/v1/page": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Order List
         * @description The caller's orders, newest first. Trials have no order and are not listed (assumed).
         */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/openapi/order/v1/get/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Order Details
         * @description One order, by order ID or by order number.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/product/openapi/instance_product/v1/client/instance_product_list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Product List
         * @description The caller's products (instances) of one product, newest first: what an ordering program reads to find a
         *     `productNo`, the current counts to renew with, and whether a trial was made. Documented: `productId`
         *     (required), `pageNo`/`pageSize` (default 1/25), the page shape, and the first fields of each product
         *     (`activationCode`, `activationStatus`, `comment`); every other field is assumed (`x-assumed`).
         */
        get: operations["listInstanceProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/product/openapi/instance_product/v1/detail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Product Details
         * @description One of the caller's products by `productNo` and `productId` (both required, documented). The first fields
         *     (`activationCode`, `activationStatus`, `comment`, `createTime`, `currentPlan`, `currentPlanExpireDate`) are
         *     documented; the rest is assumed. An unknown `productNo` is 404 `resource_not_found` (assumed).
         */
        get: operations["getInstanceProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/product/openapi/instance/v1/product_model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Product Model
         * @description The model of one of the caller's products, by `productId` and `productNo` (both required, documented; the
         *     page is meant for Appliance Edition and S-Series hardware). An unknown `productNo` is 404
         *     `resource_not_found` naming `productNo`; a P-Series Turnkey Package (14) product has no hardware model
         *     and is refused with 422 `operation_not_supported` naming `productId` (both assumed).
         */
        get: operations["getProductModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pricing/openapi/purchase/v1/{purchaseType}/plan_info/{pricingPlanId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Information about the Plan Available for Trial, Subscription or Renewal
         * @description One plan of purchase_product_info for one purchase type. The vendor documents three paths (trial,
         *     purchase, renew) and their parameters; the renewal page marks `productNo` required, so a renewal lookup
         *     without it is 400 naming `productNo` and one for a product the caller does not hold 404. The result's
         *     fields are not documented, so it is assumed to be the plan's catalog entry. An unknown plan is 404
         *     `resource_not_found` naming `pricingPlanId` (assumed).
         */
        get: operations["getPlanInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pricing/openapi/purchase/v1/{purchaseType}/add_on_info/{pricingServiceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Information about the Service Available for Trial, Subscription or Renewal
         * @description One service (add-on) of purchase_product_info for one purchase type, optionally of one plan
         *     (`connectionPlanId`, trial and purchase only). The vendor documents three paths and their parameters; the
         *     renewal page lists only `productNo` (required) and `productId`. The result is assumed to be the service's
         *     catalog entry. An unknown service is 404 `resource_not_found` naming `pricingServiceId` (assumed).
         */
        get: operations["getAddOnInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pricing/openapi/purchase/v1/my_price_info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Subscription Price
         * @description List prices before subscribing (documented: `productId`, `billingCycle`, `offeringId` required, `partnerId`
         *     optional; `offeringId` from purchase_product_info). Plans and services that offer the billing cycle are
         *     listed with their unit price; the price fields are assumed. An unknown `offeringId` is 404, a `partnerId`
         *     that is not a subordinate 422 `partner_not_found` (assumed).
         */
        get: operations["getPriceInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/openapi/user/v1/subordinate_user/{partnerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query Information of a Subordinate User
         * @description One subordinate user. `partnerId` is documented as a String, the subordinate's "Yeastar ID", with an e-mail
         *     as the example: the mock matches it against each subordinate's `partnerId` or `email`. One that is not a
         *     subordinate of the caller is 422 `partner_not_found` (assumed).
         */
        get: operations["getSubordinate"];
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
        /**
         * @description A 64-bit ID: a bare JSON integer of up to 19 digits, as the vendor's examples send it, or the same digits
         *     as a string. Parse it without rounding: most values exceed 2^53. Both forms take 1 to 9223372036854775807
         *     (2^63-1); anything larger is refused. A number written with a fraction or an exponent
         *     (`3197218168379846218.0`, `3.2e18`) is refused even when its value is a whole number: it has passed
         *     through a double and cannot be exact.
         */
        Int64Id: bigint | string;
        /**
         * @description A subordinate user: documented as a String (its "Yeastar ID", an e-mail in one example). Taken as a bare
         *     64-bit integer, as the tutorials' IDs are, or as any string; one that is not a subordinate of the caller is
         *     422 `partner_not_found`.
         */
        PartnerRef: components["schemas"]["Int64Id"] | string;
        /** @description A 64-bit or shorter ID as the documented responses send it, a string of digits. */
        IdString: string;
        /**
         * @description A product's number: the PBX's serial number (SN), such as `3631E3418911`. The documented order answers
         *     carry numeric ones (`3076913644890832896`); nothing documents it as digits only.
         */
        ProductNo: string;
        /** @description The common wrapper of every response. */
        Envelope: {
            /** @description `success`, or an error code. */
            code: string;
            /** @description Empty on success; otherwise what went wrong, naming the field. */
            detailMessage: string;
            /** @description Unique per request, for tracing (32 hex characters in the vendor's examples). */
            requestId: string;
            /** @description The payload; on failure, details of the error. */
            result: unknown;
            /** @description The HTTP status, repeated. */
            status: number;
        };
        SuccessEnvelope: components["schemas"]["Envelope"] & {
            /** @constant */
            code?: "success";
            /** @constant */
            detailMessage?: "";
            /** @constant */
            status?: 200;
        };
        /**
         * @description The error codes of this document, all assumed (`parameter_validation_failed` is read from a cut-off text).
         * @enum {string}
         */
        ErrorCode: "parameter_validation_failed" | "invalid_json" | "missing_user_agent" | "unauthorized" | "forbidden" | "invalid_token" | "token_expired" | "invalid_client" | "invalid_grant" | "api_not_found" | "resource_not_found" | "method_not_allowed" | "trial_already_used" | "order_not_pending" | "account_changed" | "clock_out_of_range" | "request_entity_too_large" | "unsupported_media_type" | "operation_type_mismatch" | "operation_not_supported" | "product_not_found" | "service_not_found" | "service_type_mismatch" | "invalid_service_list" | "billing_contact_not_found" | "partner_not_found" | "connection_plan_mismatch" | "instance_not_found" | "instance_expired" | "quantity_out_of_range" | "billing_option_not_allowed" | "renew_quantity_mismatch" | "too_many_requests" | "internal_error" | "service_unavailable";
        /** @description What the vendor calls "extra error detail such as field name and validation tag". Shape assumed. */
        ErrorDetail: {
            /** @description The JSON path of the field at fault (`serviceList[0].quantity`), a header or parameter name, or empty. */
            field: string;
            /** @description The kind of fault (`required`, `type`, `enum`, `not_found`, `expired`, ...). */
            tag: string;
        };
        ErrorResponse: components["schemas"]["Envelope"] & {
            code: components["schemas"]["ErrorCode"];
            detailMessage?: unknown;
            result: components["schemas"]["ErrorDetail"] | null;
            status: unknown;
        };
        /**
         * @description `pp_credentials` needs `client_id` and `client_secret`; `refresh_token` needs `refresh_token`. Whether the
         *     refresh grant also takes the client credentials is not documented; they are accepted and ignored (assumed).
         */
        TokenRequest: {
            /** @enum {string} */
            grant_type: "pp_credentials" | "refresh_token";
            client_id?: string;
            client_secret?: string;
            refresh_token?: string;
        };
        TokenDetails: {
            /** @description Seconds the access token remains valid, as a string (documented as String). */
            expiresIn: string;
            refreshToken: string;
            /** @description The access token, a JWT. */
            token: string;
            /** @description The prefix to put before the token in the Authorization header. Value assumed. */
            tokenHead: string;
        };
        TokenResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["TokenDetails"];
        };
        UserInfo: {
            /** @description The subordinate's unique ID (documented as a String; the detail endpoint's example is an e-mail). */
            partnerId: string;
            city?: string;
            company?: string;
            country?: string;
            email?: string;
            firstName?: string;
            lastName?: string;
            phoneNumber?: string;
            remark?: string;
            stateProvince?: string;
            street?: string;
            taxNum?: string;
            /** @description Only `Enduser` is documented. */
            userType: string;
            zipCode?: string;
        };
        /** @description Documented as `Object<User_Info>`; it is a list (assumed). */
        PartnerListResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["UserInfo"][];
        };
        ContactInfo: {
            billingContactId: components["schemas"]["IdString"];
            city?: string;
            company?: string;
            country?: string;
            emailAddress?: string;
            firstName?: string;
            lastName?: string;
            phoneNumber?: string;
            remark?: string;
            stateProvince?: string;
            street?: string;
            taxNum?: string;
            zipCode?: string;
        };
        /** @description Documented as `Object<Contact_Info>`; it is a list (assumed). */
        BillingContactListResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["ContactInfo"][];
        };
        ProductInfo: {
            name: string;
            productId: number;
        };
        ProductListResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["ProductInfo"][];
        };
        /** @enum {string} */
        PurchaseType: "trial" | "purchase" | "renew" | "switch";
        /** @enum {string} */
        BillingCycle: "once" | "monthly" | "annually";
        /** @description An orderable service. Only `serviceId` and `purchaseType` are documented; the rest is assumed. */
        CatalogService: {
            serviceId: components["schemas"]["IdString"];
            name: string;
            purchaseType: components["schemas"]["PurchaseType"];
            /** @enum {string} */
            billingModel: "recurring";
            /** @description The billing cycles offered; empty for trials. */
            billingCycles: components["schemas"]["BillingCycle"][];
            /** @description The `multiCycle` values offered. */
            multiCycles: number[];
            minQuantity: number;
            maxQuantity: number;
            /** @description What one unit of `quantity` is (`extension`, `minute`, `package`). */
            unit: string;
            prices?: components["schemas"]["ListPrices"];
            /**
             * @description Its quantity is carved out of the instance's extensions (the portal describes Ultimate Plan extensions
             *     so): an order that would give an instance more of it than extensions is refused with 422
             *     `quantity_out_of_range`. Assumed.
             */
            withinExtensions?: boolean;
            /** @description Its quantity adds to the instance's extensions (Extension Expansion). Assumed. */
            addsExtensions?: boolean;
        };
        /** @description An orderable plan with the services that attach to it. Only `planId` is documented; the rest is assumed. */
        CatalogPlan: {
            planId: components["schemas"]["IdString"];
            name: string;
            purchaseType: components["schemas"]["PurchaseType"];
            /** @enum {string} */
            billingModel: "recurring";
            billingCycles: components["schemas"]["BillingCycle"][];
            multiCycles: number[];
            minQuantity: number;
            maxQuantity: number;
            prices?: components["schemas"]["ListPrices"];
            /** @description Length of the free trial, for trial plans. */
            trialDays?: number;
            serviceList: components["schemas"]["CatalogService"][];
        };
        PurchaseProductInfo: {
            /** @description Unique offering ID of the product (documented). */
            offeringId: string;
            productId: number;
            productName: string;
            planList: components["schemas"]["CatalogPlan"][];
            /** @description Services orderable without a plan. */
            serviceList: components["schemas"]["CatalogService"][];
        };
        PurchaseProductInfoResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["PurchaseProductInfo"];
        };
        /** @enum {string} */
        OperationType: "trial_plan" | "trial_service" | "purchase_plan" | "purchase_service" | "switch_plan" | "switchTrial_plan" | "renew_plan" | "renew_service";
        /** @description One plan or service of an order (the vendor's `Service_List`; field names from the tutorials). */
        OrderItem: {
            /** @enum {string} */
            serviceType: "plan" | "service";
            serviceId: components["schemas"]["Int64Id"];
            connectionPlanId?: components["schemas"]["Int64Id"];
            quantity?: number;
            purchaseType: components["schemas"]["PurchaseType"];
            /** @enum {string} */
            billingModel?: "recurring";
            billingCycle?: components["schemas"]["BillingCycle"];
            multiCycle?: number;
        };
        /**
         * @description `billingId` is required except for trials (the trial tutorials send none). `partnerId` orders for a
         *     subordinate user (the tutorials' name); `assignId` is the Create an Order table's name for a user the
         *     product is assigned to; both are accepted. Unknown fields are refused (assumed).
         */
        OrderSaveRequest: {
            operationType: components["schemas"]["OperationType"];
            productId: number;
            productNo?: components["schemas"]["ProductNo"];
            partnerId?: components["schemas"]["PartnerRef"];
            assignId?: components["schemas"]["PartnerRef"];
            billingId?: components["schemas"]["Int64Id"];
            /**
             * @description Purchase order number (documented). The order list shows it as `customReferenceNo` (assumed): this
             *     project's client sends a unique reference here so that it can find an order whose answer was lost.
             */
            poNumber?: string;
            serviceList: components["schemas"]["OrderItem"][];
            /** @description Only for P-Series Cloud Edition (13). */
            orderPceSpecialRequest?: {
                pbxName?: string;
                regionId?: string;
                pbxSubDomainId?: string;
            };
        };
        OrderResult: {
            instanceId: components["schemas"]["IdString"];
            /** @description The order ID; `null` for a trial. */
            orderId: components["schemas"]["IdString"] | null;
            /** @description The order number; empty for a trial. The docs show one example (GQ and 19 digits); the pattern is kept loose so a live run reports no false drift. */
            orderNo: string;
            orderStatus: components["schemas"]["OrderStatus"];
            productNo: components["schemas"]["ProductNo"];
            /** @description The payment transaction number; empty for a trial. One example documented (AP and 19 digits); kept loose. */
            transactionNo: string;
        };
        OrderSaveResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["OrderResult"];
        };
        /**
         * @description The documented values: succeed, failed, pending, invalid, cancelled, refunded, and one cut off in the
         *     vendor's text after "con": `confirming` is assumed for it (x-assumed-values).
         * @enum {string}
         */
        OrderStatus: "succeed" | "failed" | "pending" | "invalid" | "cancelled" | "refunded" | "confirming";
        /** @description An order in the list. `createTime`, `currencyCode`, `customReferenceNo`, `id`, `invoiceNo`, `orderNo` and `orderStatus` are documented; the rest is assumed. */
        OrderInfo: {
            id: components["schemas"]["IdString"];
            orderNo: string;
            orderStatus: components["schemas"]["OrderStatus"];
            /** @description Milliseconds since the epoch. */
            createTime: number;
            /** @enum {string} */
            currencyCode: "USD" | "RMB";
            /**
             * @description Documented as a field of the order list; what fills it is not. This project assumes it is the
             *     `poNumber` sent with order/save, so a client can find an order whose answer was lost.
             */
            customReferenceNo: string;
            invoiceNo: string;
            operationType?: components["schemas"]["OperationType"];
            productId?: number;
            productNo?: components["schemas"]["ProductNo"];
            instanceId?: string;
            transactionNo?: string;
        };
        /**
         * @description A product (instance) the caller or one of its subordinates holds. `activationCode`, `activationStatus`,
         *     `comment`, `createTime`, `currentPlan` and `currentPlanExpireDate` are documented; the rest is assumed.
         */
        InstanceProduct: {
            activationCode: string;
            /** @enum {string} */
            activationStatus: "unknown" | "unactivated" | "activated";
            comment: string;
            /** @description Milliseconds since the epoch. */
            createTime: number;
            /** @description Filled only while a plan switch is pending (documented); empty otherwise. */
            currentPlan: string;
            /** @description When the current plan expires, ISO 8601 (the format is assumed). */
            currentPlanExpireDate: string;
            productNo: components["schemas"]["ProductNo"];
            productId: number;
            instanceId: components["schemas"]["IdString"];
            planId: components["schemas"]["IdString"];
            planName: string;
            /** @description A free trial (assumed field). */
            trial: boolean;
            /** @description Extensions of the plan; a renewal must send exactly this (assumed field). */
            extensions: number;
            /** @description Count per service; a renewal of a service must send exactly its count (assumed field). */
            services: {
                serviceId: components["schemas"]["IdString"];
                name: string;
                quantity: number;
            }[];
            /** @description Milliseconds since the epoch (assumed field). */
            expireTime: number;
            /** @description The subordinate user it belongs to; empty for the caller's own (assumed field). */
            partnerId: string;
            /** @enum {string} */
            status: "trial" | "active" | "expired";
        };
        InstanceProductPage: {
            count: number;
            pageNo: number;
            pageSize: number;
            results: components["schemas"]["InstanceProduct"][];
            total: number;
            totalPage: number;
        };
        InstanceProductPageResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["InstanceProductPage"];
        };
        InstanceProductResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["InstanceProduct"];
        };
        /**
         * @description List price per unit (extension, minute, package) and billing cycle, in USD, as decimal strings. my_price_info
         *     is documented to return list prices; their shape is not, so this is assumed.
         */
        ListPrices: {
            once?: components["schemas"]["Money"];
            monthly?: components["schemas"]["Money"];
            annually?: components["schemas"]["Money"];
        };
        Money: string;
        PriceLine: {
            id: components["schemas"]["IdString"];
            name: string;
            unitPrice: components["schemas"]["Money"];
            unit: string;
        };
        /**
         * @description Documented: `offeringId`, `planList` (price of a plan and its services), `serviceList`. The fields inside
         *     the lists, `currencyCode` and `billingCycle` are assumed.
         */
        PriceInfo: {
            offeringId: string;
            currencyCode: string;
            billingCycle: components["schemas"]["BillingCycle"];
            planList: (components["schemas"]["PriceLine"] & {
                serviceList: components["schemas"]["PriceLine"][];
            })[];
            serviceList: components["schemas"]["PriceLine"][];
        };
        PriceInfoResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["PriceInfo"];
        };
        PlanInfoResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["CatalogPlan"];
        };
        AddOnInfoResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["CatalogService"];
        };
        SubordinateResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["UserInfo"];
        };
        ProductModel: {
            productModel: string;
        };
        ProductModelResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["ProductModel"];
        };
        OrderPage: {
            count: number;
            pageNo: number;
            pageSize: number;
            results: components["schemas"]["OrderInfo"][];
            total: number;
            totalPage: number;
        };
        OrderPageResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["OrderPage"];
        };
        /** @description One ordered item as the order details show it (assumed). */
        OrderLine: {
            /** @enum {string} */
            serviceType: "plan" | "service";
            serviceId: components["schemas"]["IdString"];
            name: string;
            connectionPlanId?: components["schemas"]["IdString"];
            quantity?: number;
            purchaseType: components["schemas"]["PurchaseType"];
            billingModel?: string;
            billingCycle?: components["schemas"]["BillingCycle"];
            multiCycle?: number;
        };
        OrderDetail: {
            basicInformation: {
                /** @description A string here, as documented. */
                productId: string;
                productName: string;
                productNo: components["schemas"]["ProductNo"];
                instanceId?: string;
            };
            /** @description The billing contact of the order (fields assumed, from Contact_Info). */
            billingInformation: {
                billingContactId?: string;
                company?: string;
                firstName?: string;
                lastName?: string;
                emailAddress?: string;
            };
            orderInformation: components["schemas"]["OrderInfo"];
            /** @description What was ordered (fields assumed). */
            orderSummary: {
                partnerId?: string;
                poNumber?: string;
                itemList: components["schemas"]["OrderLine"][];
            };
        };
        OrderDetailResponse: components["schemas"]["SuccessEnvelope"] & {
            result?: components["schemas"]["OrderDetail"];
        };
    };
    responses: {
        /** @description A parameter breaks this document (`parameter_validation_failed`), the body is not JSON (`invalid_json`) or `User-Agent` is missing (`missing_user_agent`). Assumed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No token (`unauthorized`), a bad one (`invalid_token`), an expired one (`token_expired`), bad client credentials (`invalid_client`) or a bad refresh token (`invalid_grant`). Assumed. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The order or product does not exist for this account (`resource_not_found`), or no such endpoint (`api_not_found`). Assumed. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The order conflicts with the account's state (`trial_already_used`; on this mock also `account_changed`, a reset during the request). Assumed. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The order is well-formed but a business rule refuses it; `code` names the rule (see the table in the document's description). Assumed. */
        BusinessRuleRefusal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body exceeds the size limit (`request_entity_too_large`). Assumed. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body's content type is not one the endpoint takes (`unsupported_media_type`). Assumed. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Rate limited (`too_many_requests`). No rate limit is documented; assumed. */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Any other error status (such as 503 `service_unavailable`), in the same envelope. Assumed. */
        UnexpectedError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description An unexpected fault (`internal_error`). Assumed. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
         * @example OpenAPI
         */
        UserAgent: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    requestToken: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
                "multipart/form-data": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The token pair. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listSubordinates: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subordinate users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listBillingContacts: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The billing contacts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingContactListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listProducts: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The products the partner can order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getPurchaseProductInfo: {
        parameters: {
            query: {
                /**
                 * @description The product. 14 is the P-Series Turnkey Package.
                 * @example 14
                 */
                productId: number;
                /** @description The PBX's serial number; required only for Linkus Cloud Service (9) and the Appliance Edition (11). */
                productNo?: components["schemas"]["ProductNo"];
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product's plans and services. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseProductInfoResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderSaveRequest"];
            };
        };
        responses: {
            /** @description The order was placed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSaveResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["BusinessRuleRefusal"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                pageNo?: number;
                /** @description Default 25 as documented; the upper bound of 200 is assumed. */
                pageSize?: number;
                /** @description Sent by the vendor's Request Structure example; not documented further. Only `id` is known. */
                sort?: "id";
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPageResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path: {
                /**
                 * @description The order ID (digits) or the order number (e.g. `GQ3401181709772259328`).
                 * @example 1782070
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetailResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listInstanceProducts: {
        parameters: {
            query: {
                /** @example 14 */
                productId: number;
                pageNo?: number;
                /** @description Default 25 as documented; the upper bound of 200 is assumed. */
                pageSize?: number;
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the caller's products. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceProductPageResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getInstanceProduct: {
        parameters: {
            query: {
                /**
                 * @description The PBX's serial number (the documented answers show numeric ones).
                 * @example 3076913644890832896
                 */
                productNo: components["schemas"]["ProductNo"];
                /** @example 14 */
                productId: number;
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceProductResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getProductModel: {
        parameters: {
            query: {
                /** @example 11 */
                productId: number;
                /**
                 * @description The PBX's serial number (the page's example is `3631E3418911`).
                 * @example 3631E3418911
                 */
                productNo: components["schemas"]["ProductNo"];
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product's model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductModelResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["BusinessRuleRefusal"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getPlanInfo: {
        parameters: {
            query: {
                /** @example 14 */
                productId: number;
                /**
                 * @description The PBX's serial number. Required by `renew` (the renewal page lists it as required); otherwise needed
                 *     for Linkus Cloud Service and Appliance Edition only. A renewal without it is 400 naming `productNo`,
                 *     one the caller does not hold 404 `resource_not_found`.
                 */
                productNo?: components["schemas"]["ProductNo"];
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path: {
                /**
                 * @description `trial`, `purchase` or `renew`: the vendor documents one endpoint for each.
                 * @example purchase
                 */
                purchaseType: "trial" | "purchase" | "renew";
                /** @example 3048941892189077504 */
                pricingPlanId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plan. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanInfoResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getAddOnInfo: {
        parameters: {
            query: {
                /** @example 14 */
                productId: number;
                /**
                 * @description The plan the service depends on (documented as an Integer; any 64-bit ID). Documented for `trial` and
                 *     `purchase` only: the renewal page lists only `productNo` and `productId`, so a `renew` call ignores it.
                 */
                connectionPlanId?: string;
                /**
                 * @description The PBX's serial number. Required by `renew` (the renewal page lists it as required); otherwise needed
                 *     for Linkus Cloud Service and Appliance Edition only. A renewal without it is 400 naming `productNo`,
                 *     one the caller does not hold 404 `resource_not_found`.
                 */
                productNo?: components["schemas"]["ProductNo"];
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path: {
                /**
                 * @description `trial`, `purchase` or `renew`: the vendor documents one endpoint for each.
                 * @example purchase
                 */
                purchaseType: "trial" | "purchase" | "renew";
                /** @example 3049032137219817472 */
                pricingServiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddOnInfoResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getPriceInfo: {
        parameters: {
            query: {
                /** @example 14 */
                productId: number;
                /** @example annually */
                billingCycle: components["schemas"]["BillingCycle"];
                /** @example 3048941892189077187 */
                offeringId: string;
                partnerId?: string;
            };
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list prices. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceInfoResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["BusinessRuleRefusal"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getSubordinate: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Identifies the calling application. Required on every endpoint; the vendor's examples send `OpenAPI`.
                 * @example OpenAPI
                 */
                "User-Agent": components["parameters"]["UserAgent"];
            };
            path: {
                /** @example color123@yeastar.com */
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subordinate user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubordinateResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["BusinessRuleRefusal"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            default: components["responses"]["UnexpectedError"];
        };
    };
}
