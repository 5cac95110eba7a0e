using Coc.Ingest;
using Coc.Simulator;
using Coc.Storage;
using Coc.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddCocStorage();
builder.AddCocIngest();
builder.AddCocSimulator();
builder.AddCocWeb();

var app = builder.Build();
app.MapCocWeb();
app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
