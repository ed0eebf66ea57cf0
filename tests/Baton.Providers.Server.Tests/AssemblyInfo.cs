[assembly: AssemblyFixture(typeof(Baton.Providers.Server.Tests.LlamaServerFixture))]
