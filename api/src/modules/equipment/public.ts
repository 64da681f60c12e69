/** What the equipment module offers the others: nothing yet (its decisions wait in the approvals module); kept so the boundary holds. */
export {};
