// One collection for the assembly: the targets run one after another (each on up to two threads), so they do not
// crowd CI or each other's time bounds.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
