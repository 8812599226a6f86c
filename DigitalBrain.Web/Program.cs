using DigitalBrain.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
await using var localDatabase = await DatabaseBootstrap.ResolveConnectionStringAsync(builder.Configuration, builder.Environment);
builder.AddDigitalBrain();

var app = builder.Build();
if (!await DatabaseBootstrap.PrepareAsync(app))
    return 1;
app.UseDigitalBrain();
await app.RunAsync();
return 0;
