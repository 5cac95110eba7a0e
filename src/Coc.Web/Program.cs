using Coc.Ingest;
using Coc.Simulator;
using Coc.Storage;
using Coc.Web;

var builder = WebApplication.CreateBuilder(args);
// `dotnet run` serves package assets (MudBlazor, Plotly, blazor.web.js) from the build output in
// every environment, not only Development; a published app ignores this and uses wwwroot.
builder.WebHost.UseStaticWebAssets();

builder.AddCocStorage();
builder.AddCocIngest();
builder.AddCocSimulator();
builder.AddCocWeb();

var app = builder.Build();
app.MapCocWeb();
app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
