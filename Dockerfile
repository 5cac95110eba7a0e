# Coc web app image. Build from the repository root: docker build -t coc .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Coc.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY wall-layouts /app/wall-layouts
COPY alarm-rules /app/alarm-rules
ENV Urls=http://0.0.0.0:8080 \
    Coc__Wall__LayoutsPath=/app/wall-layouts \
    Coc__Alarms__RulesPath=/app/alarm-rules \
    Coc__Alarms__DatabasePath=/data/alarms.db \
    Coc__Storage__DataPath=/data/store
EXPOSE 8080 1883
VOLUME /data
ENTRYPOINT ["dotnet", "Coc.Web.dll"]
