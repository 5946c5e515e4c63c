using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class ServiceTableTests
{
    private static string Service(string spec, string status = "{}") =>
        $$$"""{"metadata":{"name":"chat","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{{{spec}}},"status":{{{status}}}}""";

    [Fact]
    public void A_cluster_IP_service_lists_its_ports_and_selector()
    {
        var service = Service(
            """{"type":"ClusterIP","clusterIP":"10.96.0.12","clusterIPs":["10.96.0.12"],"selector":"""
                + """{"app":"chat","track":"stable"},"ports":[{"name":"http","port":80,"targetPort":8000,"protocol":"TCP"},"""
                + """{"name":"dns","port":53,"protocol":"UDP"}]}""");
        Assert.Equal("""["chat","ClusterIP","10.96.0.12","<none>","80/TCP,53/UDP","60m","app=chat,track=stable"]""", Cells("", "Service", service));
    }

    [Fact]
    public void Defaults_the_API_server_would_have_filled_are_assumed()
    {
        var service = Service("""{"clusterIP":"10.96.0.13","ports":[{"port":8080}]}""");
        Assert.Equal("""["chat","ClusterIP","10.96.0.13","<none>","8080/TCP","60m","<none>"]""", Cells("", "Service", service));
    }

    [Theory]
    [InlineData("""{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"]}""", "None", "<none>", "<none>")]
    [InlineData(
        """{"type":"ClusterIP","clusterIPs":["10.96.0.1"],"externalIPs":["203.0.113.7","203.0.113.8"],"ports":[{"port":80,"protocol":"TCP"}]}""",
        "10.96.0.1", "203.0.113.7,203.0.113.8", "80/TCP")]
    [InlineData(
        """{"type":"NodePort","clusterIPs":["10.96.0.2"],"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}]}""",
        "10.96.0.2", "<none>", "80:30080/TCP")]
    [InlineData(
        """{"type":"LoadBalancer","clusterIPs":["10.96.0.3"],"ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]}""",
        "10.96.0.3", "<pending>", "443:31443/TCP")]
    [InlineData("""{"type":"ExternalName","externalName":"api.openai.com"}""", "<none>", "api.openai.com", "<none>")]
    public void Each_service_type_shows_its_addresses(string spec, string clusterIP, string externalIP, string ports)
    {
        var cells = Table("", "Service", Service(spec))["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal((clusterIP, externalIP, ports), (cells[2]!.ToString(), cells[3]!.ToString(), cells[4]!.ToString()));
    }

    [Fact]
    public void A_load_balancer_lists_its_ingress_points_sorted_and_in_full()
    {
        var service = Service(
            """{"type":"LoadBalancer","clusterIPs":["10.96.0.4"],"externalIPs":["192.0.2.1"],"ports":[{"port":80,"nodePort":30001,"protocol":"TCP"}]}""",
            """{"loadBalancer":{"ingress":[{"ip":"198.51.100.20"},{"hostname":"a1b2c3d4e5f6a7b8c9d0.elb.example.com"},"""
                + """{"ip":"198.51.100.10"},{"ip":"198.51.100.10"}]}}""");
        Assert.Equal(
            "198.51.100.10,198.51.100.20,a1b2c3d4e5f6a7b8c9d0.elb.example.com,192.0.2.1",
            Table("", "Service", service)["rows"]![0]!["cells"]![3]!.ToString());
    }
}
