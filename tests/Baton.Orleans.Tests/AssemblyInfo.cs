// Each cluster test starts PostgreSQL and several worker processes; on two cores they run one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
