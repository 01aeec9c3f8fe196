// Constructors that give every stored object of a kind one hidden class (V8 shares a shape between objects
// built by the same literal; spreads and late additions gave each object a shape of its own).
import type { Instance } from "./types.ts";

/**
 * An instance as one literal in a fixed field order, so all instances share one hidden class. (Spread from their
 * IDs, each got a shape of its own: a map, descriptors and an overflow array, about 500 bytes an instance, in a
 * heap snapshot of 20,000 orders.) apply() stores every instance through it, live and on replay.
 */
export function makeInstance(i: Instance): Instance {
  return {
    instanceId: i.instanceId,
    productNo: i.productNo,
    productId: i.productId,
    partnerId: i.partnerId,
    planId: i.planId,
    trial: i.trial,
    quantity: i.quantity,
    services: i.services,
    billingCycle: i.billingCycle,
    createTime: i.createTime,
    expireTime: i.expireTime,
  };
}
