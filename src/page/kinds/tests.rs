use scraper::Html;

use super::*;

fn body(kind: PageType, html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    extract(kind, &Page { doc: &doc, base: Some("https://x.org/a/"), rules: None }).paragraphs
}

fn page(main: &str) -> String {
    format!(
        "<html><body><header><a href='/'>Home</a> <a href='/news'>News</a> <a href='/shop'>Shop</a></header>\
         <nav><a href='/a'>Section one</a> <a href='/b'>Section two</a></nav>\
         <div class='wrap'><main>{main}</main>\
         <div class='side'><ul><li><a href='/t1'>A tag with a long name</a></li><li><a href='/t2'>Another tag</a></li>\
         <li><a href='/t3'>A third tag here</a></li></ul></div></div>\
         <footer><p>Copyright of the site, all rights reserved, imprint and contact.</p></footer></body></html>"
    )
}

const POST: &str =
    "I have the same problem with my old bike, the chain keeps slipping when I climb a hill, any idea why?";

#[test]
fn forum_every_post_in_order() {
    let posts: String = (1..=3)
        .map(|n| {
            format!(
                "<div class='post'><div class='meta'><a href='/u/{n}'>user{n}</a> <a href='/p/{n}'>#</a> <a href='/r/{n}'>reply</a></div>\
                 <div class='text'><p>Post {n}: {POST}</p></div></div>"
            )
        })
        .collect();
    let b = body(PageType::Forum, &page(&format!("<h1>Chain slips on hills</h1>{posts}")));
    let texts: Vec<&String> = b.iter().filter(|p| p.starts_with("Post ")).collect();
    assert_eq!(texts.len(), 3, "{b:?}");
    assert!(texts[0].starts_with("Post 1") && texts[2].starts_with("Post 3"), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Section one") || p.contains("Copyright") || p.contains("tag")), "{b:?}");
}

#[test]
fn listing_every_item_title_and_teaser_without_chips() {
    let items: String = (1..=5)
        .map(|n| {
            format!(
                "<div class='item'><h2><a href='/story/{n}'>Story number {n} about the town council</a></h2>\
                 <p>Teaser {n}: the council met and decided to rebuild the bridge, residents said.</p></div>"
            )
        })
        .collect();
    let chips = "<div class='chips'><a href='/c/1'>Politics</a> <a href='/c/2'>Sport</a> <a href='/c/3'>Culture</a> <a href='/c/4'>Money</a></div>";
    let b = body(PageType::Listing, &page(&format!("<h1>Town news</h1>{chips}{items}")));
    for n in 1..=5 {
        assert!(b.iter().any(|p| p == &format!("Story number {n} about the town council")), "{b:?}");
        assert!(b.iter().any(|p| p.starts_with(&format!("Teaser {n}:"))), "{b:?}");
    }
    assert!(!b.iter().any(|p| p.contains("Politics")), "{b:?}");
}

#[test]
fn collection_every_card() {
    let cards: String = (1..=6)
        .map(|n| {
            format!(
                "<div class='card'><a href='/p/{n}'><img src='/i/{n}.jpg'><h3>Ceramic mug number {n}</h3></a>\
                 <p>A hand-made mug of glazed stoneware, {n}00 ml, dishwasher safe.</p><span class='price'>$1{n}.00</span></div>"
            )
        })
        .collect();
    let b = body(PageType::Collection, &page(&format!("<h1>Mugs</h1><div class='grid'>{cards}</div>")));
    for n in 1..=6 {
        assert!(b.iter().any(|p| p == &format!("Ceramic mug number {n}")), "{b:?}");
    }
    assert!(!b.iter().any(|p| p.contains("Section") || p.contains("tag")), "{b:?}");
}

#[test]
fn product_name_description_and_specifications() {
    let main = "<h1>Trail runner 3000</h1><p>A light running shoe for rough trails, with a grippy sole and a wide toe box.</p>\
        <table><tr><th>Weight</th><td>280 g</td></tr><tr><th>Drop</th><td>6 mm</td></tr></table>\
        <button>Add to cart</button>";
    let b = body(PageType::Product, &page(main));
    assert!(b.contains(&"Trail runner 3000".to_owned()), "{b:?}");
    assert!(b.iter().any(|p| p.starts_with("A light running shoe")), "{b:?}");
    assert!(b.contains(&"Weight 280 g".to_owned()) && b.contains(&"Drop 6 mm".to_owned()), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Add to cart") || p.contains("tag")), "{b:?}");
}

#[test]
fn documentation_keeps_headings_and_code_drops_the_contents_list() {
    let toc = "<ul class='toc'><li><a href='#install'>Install</a></li><li><a href='#use'>Use</a></li><li><a href='#api'>API</a></li></ul>";
    let main = format!(
        "<h1>Getting started</h1>{toc}<h2 id='install'>Install</h2><p>Install the package with the command below, then import it.</p>\
         <pre><code>pip install example</code></pre><h2 id='use'>Use</h2><p>Call the function with a path and read the result it returns.</p>"
    );
    let b = body(PageType::Documentation, &page(&main));
    assert_eq!(b.iter().filter(|p| *p == "Install").count(), 1, "the heading, not the contents line: {b:?}");
    assert!(b.contains(&"pip install example".to_owned()), "{b:?}");
    assert!(b.contains(&"Use".to_owned()), "{b:?}");
}

#[test]
fn service_sections_in_order() {
    let main = "<section><h2>What we do</h2><p>We plan and build gardens for homes and offices, from the first sketch to the last plant.</p></section>\
        <section><h2>How we work</h2><p>A visit, a plan, a price you agree to, and then the work, on time and on budget.</p></section>\
        <section><h2>Contact</h2><p>Write to us or call us on weekdays, we answer within one working day.</p></section>";
    let b = body(PageType::Service, &page(main));
    let at = |s: &str| b.iter().position(|p| p == s);
    assert!(at("What we do") < at("How we work") && at("How we work") < at("Contact"), "{b:?}");
    assert!(at("What we do").is_some(), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Copyright") || p.contains("tag")), "{b:?}");
}

#[test]
fn an_article_without_scored_text_gets_the_main_column() {
    let main =
        "<div class='sidebar-widget'><span>Short line one of the text.</span><br><span>Short line two.</span></div>";
    let b = body(PageType::Article, &page(main));
    assert!(b.iter().any(|p| p.contains("Short line one")), "{b:?}");
}

/// An article whose scoring kept one short block (a page builder's company page: its
/// sections are headings and spans in widgets of their own columns, the one box of
/// paragraphs is a testimonial) while
/// the main column holds ten times its text gets the column.
#[test]
fn an_article_whose_scored_text_is_a_sliver_gets_the_main_column() {
    let feature = |n: usize| {
        format!(
            "<div class='column'><div class='widget'><h3>Feature {n}</h3><div class='text'><span>We plan and build gardens for homes and \
             offices, from the first sketch to the last plant, and we keep them for years; ask us about number {n}, \
             with a price you agree to and a visit before any work.</span></div></div></div>"
        )
    };
    let quote = "<p>They planned our garden with care and built it on time, every plant is where we wanted it, \
        and they still come by each spring. We recommend them to every neighbour who asks us.</p>";
    let page_of = |n: usize| {
        let features: String = (1..=n).map(feature).collect();
        page(&format!(
            "<div class='section'><div class='container'>{features}</div></div>\
             <div class='section'><div class='testimonials'>{quote}{quote}</div></div>"
        ))
    };
    let scored = |html: &str| {
        let doc = Html::parse_document(html);
        content::article(&Page { doc: &doc, base: Some("https://x.org/a/"), rules: None }).paragraphs
    };
    let big = page_of(30);
    assert!(!scored(&big).iter().any(|p| p.contains("number 30")), "the scoring keeps the quotes only");
    let b = body(PageType::Article, &big);
    assert!(b.iter().any(|p| p.contains("number 1,")) && b.iter().any(|p| p.contains("number 30")), "{b:?}");
    // Scored text of more than a tenth of the column's: the article scoring's text.
    let small = page_of(3);
    assert_eq!(body(PageType::Article, &small), scored(&small));
}

/// A listing of `n` recipes, each a linked title and the teaser `teaser`.
fn recipes(n: usize, teaser: &str) -> String {
    (1..=n)
        .map(|k| {
            format!(
                "<div class='r'><h3><a href='/r/{k}'>Tomato sauce recipe number {k}, with basil</a></h3><p>{teaser}</p></div>"
            )
        })
        .collect()
}

#[test]
fn a_consent_box_is_not_the_main_column() {
    let consent = "<div id='cookie-banner'><p>We and our many partners process your data to deliver content and advertising, \
        measure it, and learn about our audience; you may consent or object for each purpose at any time in the settings, \
        where every partner and every purpose is listed with the legal basis we rely on for it.</p></div>";
    let items = recipes(4, "Slow-cooked tomatoes, garlic and olive oil, ready in forty minutes for four people.");
    let b = body(PageType::Listing, &page(&format!("{consent}<div class='list'>{items}</div>")));
    assert!(!b.iter().any(|p| p.contains("partners")), "{b:?}");
    assert!(b.iter().any(|p| p == "Tomato sauce recipe number 4, with basil"), "{b:?}");
}

#[test]
fn a_heavier_text_that_does_not_hold_the_items_does_not_replace_them() {
    // A consent box's panels, heavier than the listing: the article scoring reads them,
    // the items are not among them.
    let panel = "<p>These cookies allow us and our partners to count visits and traffic sources, build a profile \
        of your interests and show you relevant adverts on this and other sites; if you do not allow them, you will \
        experience less targeted advertising and we will have less analytics for optimisation.</p>";
    let consent = format!("<div id='cookie-settings'>{}</div>", panel.repeat(5));
    let items = recipes(6, "Slow-cooked tomatoes and garlic, ready in forty minutes.");
    let b = body(PageType::Listing, &page(&format!("<div class='list'>{items}</div>{consent}")));
    assert!(!b.iter().any(|p| p.contains("partners")), "{b:?}");
    assert!(b.iter().any(|p| p == "Tomato sauce recipe number 4, with basil"), "{b:?}");
}

#[test]
fn a_heavier_text_that_holds_the_posts_replaces_them() {
    let own = vec!["one two three".to_string(), "four five".to_string()];
    let more = vec!["zero one two three".to_string(), "four five six seven".to_string()];
    assert_eq!(covered(&own, &more), 1.0);
    assert_eq!(covered(&own, &["two four nine".to_string()]), 0.4);
    assert_eq!(covered(&[], &more), 0.0);
}

#[test]
fn item_chrome_repeated_in_the_posts_is_left_out() {
    let posts: String = (1..=4)
        .map(|n| {
            format!(
                "<div class='post'><div class='side'><div>user{n}</div><div>Joined</div><div>Mar {n}, 2020</div></div>\
                 <div class='text'><p>Post {n}: {POST}</p></div><div class='bar'>Click to expand...</div>\
                 <div class='err'>Error rating the post, refresh the page and try again.</div></div>"
            )
        })
        .collect();
    let b = body(PageType::Forum, &page(&format!("<h1>Chain slips on hills</h1>{posts}")));
    assert_eq!(b.iter().filter(|p| p.starts_with("Post ")).count(), 4, "{b:?}");
    assert!(!b.iter().any(|p| p == "Joined" || p == "Click to expand..." || p.starts_with("Error")), "{b:?}");
    // The posts' own short lines (names, days) differ from post to post and are kept.
    assert!(b.iter().any(|p| p == "user3") && b.iter().any(|p| p == "Mar 2, 2020"), "{b:?}");
}

#[test]
fn a_listing_of_bare_links_is_read_with_its_links() {
    // A category's members: every item a short link and nothing else.
    let members: String = (1..=12).map(|n| format!("<li><a href='/wiki/L{n}'>Language {n}</a></li>")).collect();
    let main = format!(
        "<h1>Category: Languages</h1><p>This category lists languages.</p>\
         <div class='group'><h3>A</h3><ul>{members}</ul></div>"
    );
    let b = body(PageType::Listing, &page(&main));
    assert!(b.iter().any(|p| p.contains("Language 1")) && b.iter().any(|p| p.contains("Language 12")), "{b:?}");
    // Listings with text of their own keep leaving their boxes of links out.
    let items: String = (1..=5)
        .map(|n| {
            format!(
                "<div class='item'><h2><a href='/story/{n}'>Story number {n} about the town council</a></h2>\
                 <p>Teaser {n}: the council met and decided to rebuild the bridge, residents said, and more.</p></div>"
            )
        })
        .collect();
    let b = body(PageType::Listing, &page(&format!("<h1>Town news</h1>{items}<ul>{members}</ul>")));
    assert!(!b.iter().any(|p| p.contains("Language 1")), "{b:?}");
}

#[test]
fn a_page_hidden_until_a_script_shows_it_is_read() {
    let main = "<div style='visibility: hidden'><h2>Our service</h2><p>We repair bicycles of every kind in our workshop, \
        quickly and at a fair price, with parts we keep in stock.</p></div>";
    let b = body(PageType::Service, &format!("<html><body>{main}</body></html>"));
    assert!(b.iter().any(|p| p.starts_with("We repair bicycles")), "{b:?}");
}

#[test]
fn a_products_reviews_and_other_products_are_left_out() {
    let review = "I bought this shoe for a mountain race and it held up well over the whole distance, great grip.";
    let reviews: String = (1..=4)
        .map(|n| {
            format!("<div class='review-item'><p>Review {n}: {review}</p><p>{review} Really, {n} times.</p></div>")
        })
        .collect();
    let main = format!(
        "<div class='product'><h1>Trail runner 3000</h1><p>A light running shoe for rough trails, with a grippy sole and a wide toe box.</p></div>\
         <section id='product-reviews'><h2>What buyers say</h2>{reviews}</section>\
         <div class='related_products'><p>Road runner 2000: a fast shoe for the road, light and soft, for long runs on asphalt.</p></div>"
    );
    let b = body(PageType::Product, &page(&main));
    assert!(b.iter().any(|p| p.starts_with("A light running shoe")), "{b:?}");
    assert!(!b.iter().any(|p| p.starts_with("Review") || p.contains("What buyers say")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Road runner")), "{b:?}");
}

#[test]
fn a_products_sponsored_and_bought_together_boxes_are_left_out() {
    let other = "Road runner 2000: a fast shoe for the road, light and soft, for long runs on asphalt and track.";
    let main = format!(
        "<div class='product'><h1>Trail runner 3000</h1><p>A light running shoe for rough trails, with a grippy sole.</p></div>\
         <div class='item-sponsored box'><p>Ad 1: {other}</p><p>Ad 2: {other}</p></div>\
         <div class='frequently-bought-together'><p>Also 1: {other}</p><p>Also 2: {other}</p></div>"
    );
    let b = body(PageType::Product, &page(&main));
    assert!(b.iter().any(|p| p.starts_with("A light running shoe")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Road runner")), "{b:?}");
}

#[test]
fn a_box_named_like_reviews_that_holds_the_product_is_kept() {
    // The mark names the page's frame here (`has-reviews`): the product is in it.
    let main = "<div class='product has-reviews'><h1>Trail runner 3000</h1>\
        <p>A light running shoe for rough trails, with a grippy sole and a wide toe box.</p></div>";
    let b = body(PageType::Product, &page(main));
    assert!(b.iter().any(|p| p.starts_with("A light running shoe")), "{b:?}");
}

#[test]
fn a_products_hidden_tab_panels_are_read() {
    let main = "<h1>Trail runner 3000</h1><p>A light running shoe for rough trails.</p>\
        <div role='tablist'><button>Description</button><button>Specifications</button></div>\
        <div role='tabpanel'><p>The upper is a recycled mesh that dries fast, the sole a soft rubber that grips on wet rock.</p></div>\
        <div role='tabpanel' hidden><table><tr><th>Weight</th><td>280 g</td></tr><tr><th>Drop</th><td>6 mm</td></tr></table></div>";
    let b = body(PageType::Product, &page(main));
    assert!(b.contains(&"Weight 280 g".to_owned()), "{b:?}");
}

#[test]
fn a_products_column_is_chosen_on_its_visible_text() {
    // Quick views of other products, hidden until opened, outweigh the product's own
    // text: they choose no column while most of the page's text is visible.
    let quick = "Road runner 2000 is a fast shoe for the road, light and soft, made for long runs on asphalt.";
    let quicks: String = (1..=4).map(|n| format!("<div class='qv'><p>Quick view {n}: {quick}</p></div>")).collect();
    let own = "A light running shoe for rough trails, with a grippy sole, a wide toe box and a recycled upper.";
    let note = "Orders placed before noon leave our warehouse the same day, and every parcel is tracked to your door.";
    let html = format!(
        "<html><body><div class='wrap'><div class='product'><h1>Trail runner 3000</h1><p>{own}</p><p>{own}</p>\
         <p>{note}</p><p>{note}</p><p>{note}</p></div>\
         <div class='quick-views' style='display:none'>{quicks}</div></div></body></html>"
    );
    let b = body(PageType::Product, &html);
    assert!(b.iter().any(|p| p == own), "{b:?}");
    assert!(!b.iter().any(|p| p.starts_with("Quick view")), "{b:?}");
}

#[test]
fn a_products_specification_labels_and_values_are_kept_apart() {
    // Label and value side by side in spans, no space between them in the markup.
    let main = "<h1>Once and future world</h1><p>A book about the wilderness we have forgotten, and how to bring it back.</p>\
        <div class='specs'><div class='row'><span class='name'>Language</span><span class='value'>English</span></div>\
        <div class='row'><span class='name'>Publication Year</span><span class='value'>2013</span></div></div>\
        <p>Some <b>bold</b><i>italic</i> words.</p>";
    let b = body(PageType::Product, &page(main));
    assert!(b.contains(&"Language English".to_owned()), "{b:?}");
    assert!(b.contains(&"Publication Year 2013".to_owned()), "{b:?}");
}

#[test]
fn a_products_boxes_hidden_by_class_are_not_read() {
    // A shop's data dump hidden by its class (`hide`) beside the description; a panel
    // hidden by its tab is still read.
    let dump: String = ["Bone", "Mushroom", "Powder", "Atlantic"]
        .iter()
        .map(|c| format!("<dt>cat_thumb_{c}:</dt><dd></dd><dt>retail_price_{c}:</dt><dd>$20.00_1-9 items</dd>"))
        .collect();
    let main = format!(
        "<h1>Staple tee</h1><p>Enduring comfort in a regular fit, crafted from combed cotton, with neck ribbing and side seams.</p>\
         <dl class='info hide'>{dump}</dl>\
         <div role='tabpanel' hidden><p>Fabric: mid weight, combed cotton, preshrunk to minimise shrinkage.</p></div>"
    );
    // The product's table (the article scoring, which reads the dump too, may still
    // give a page's text when it finds more).
    let doc = Html::parse_document(&page(&main));
    let p = Page { doc: &doc, base: None, rules: None };
    let b = product::extract(&p, &Table::build_for(&doc, product::READ, Some(&product::ASIDE))).paragraphs;
    assert!(b.iter().any(|p| p.starts_with("Enduring comfort")), "{b:?}");
    assert!(b.iter().any(|p| p.starts_with("Fabric:")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("cat_thumb") || p.contains("retail_price")), "{b:?}");
}

#[test]
fn a_products_price_and_shop_controls_are_not_its_text() {
    let main = "<h1>Trail runner 3000</h1><p>A light running shoe for rough trails, with a grippy sole and a wide toe box.</p>\
        <div><span>$129.00</span></div><div>In stock</div><div><a href='/cart'>Add to cart</a></div><p>Quantity:</p>";
    let b = body(PageType::Product, &page(main));
    assert!(b.iter().any(|p| p.starts_with("A light running shoe")), "{b:?}");
    assert!(
        !b.iter().any(|p| p.contains("129") || p == "In stock" || p.contains("Add to cart") || p.contains("Quantity")),
        "{b:?}"
    );
}

/// A notice a product page shows in a popover opened from each variant: its text once,
/// the specification table's short values (repeated in their own right) all kept.
#[test]
fn a_products_repeated_popover_is_read_once() {
    let note =
        "<div class='pop'><p>Products are sourced from the brands and stored in climate controlled rooms.</p></div>";
    let main = format!(
        "<h1>Almond thins</h1><p>Crunchy almond crisps baked in small batches, with no added salt or fat.</p>\
         <div><span>Dairy free</span>{note}</div><div><span>Kosher</span>{note}</div>\
         <table><tr><td>Gluten</td><td>No</td></tr><tr><td>Nuts</td><td>Yes</td></tr><tr><td>Salt</td><td>No</td></tr></table>"
    );
    let b = body(PageType::Product, &page(&main));
    assert_eq!(b.iter().filter(|p| p.starts_with("Products are sourced")).count(), 1, "{b:?}");
    assert!(b.iter().any(|p| p.starts_with("Crunchy almond crisps")), "{b:?}");
    assert_eq!(b.iter().filter(|p| p.contains("No")).count(), 2, "{b:?}");
}

#[test]
fn a_products_toggles_are_not_its_text() {
    let main = "<h1>Trail runner 3000</h1><p>A light running shoe for rough trails, with a grippy sole and a wide toe box.</p>\
        <div><a href='#more'>Show more</a></div><p>An upper of recycled mesh that dries fast after a river crossing.</p>\
        <div><a href='/fit'>Learn more</a></div><div>Loading...</div>";
    let b = body(PageType::Product, &page(main));
    assert!(b.iter().any(|p| p.starts_with("An upper of recycled")), "{b:?}");
    assert!(!b.iter().any(|p| p == "Show more" || p == "Learn more" || p.starts_with("Loading")), "{b:?}");
}

/// Boxes of other products named by their heading only (class names that say nothing):
/// the box a heading opens, and a heading inside the column with the grid after it.
#[test]
fn a_products_boxes_headed_as_other_products_are_left_out() {
    let card = |n: u32| format!("<div class='c1'><p>Gravel bike frame number {n} in steel</p><p>$ {n}99.00</p></div>");
    let cards: String = (1..=4).map(card).collect();
    let main = format!(
        "<div class='x1'><h1>Trail runner 3000</h1>\
         <p>A light running shoe for rough trails, with a grippy sole and a wide toe box for long days.</p>\
         <div class='x2'><div class='x3'><h2>Customers also viewed</h2></div><div class='x4'>{cards}</div></div>\
         <p>An upper of recycled mesh that dries fast after a river crossing, and a padded collar.</p>\
         <h3>You may also like</h3><div class='x5'>{cards}</div>\
         <p>Weight 280 g, drop 6 mm, for runners of every size from 36 to 48.</p></div>"
    );
    let b = body(PageType::Product, &page(&main));
    assert!(b.iter().any(|p| p.starts_with("An upper of recycled")), "{b:?}");
    assert!(b.iter().any(|p| p.starts_with("Weight 280 g")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Gravel bike") || p.contains("also")), "{b:?}");
}

/// Carousels of other products that no class word or heading names: same-shaped short
/// boxes, each with a link and a price, are left out; a grid of such cards that is most
/// of the page is the page, and kept.
#[test]
fn a_products_carousel_of_other_items_is_left_out_by_its_shape() {
    let card = |n: u32| {
        format!(
            "<li class='q7'><a href='/i/{n}'><img src='/p/{n}.jpg'></a><div>Vintage floral blouse size {n} in cotton</div>\
             <span>$ {n}4.99</span><div>Seller {n}, 99% positive</div></li>"
        )
    };
    let cards: String = (1..=4).map(card).collect();
    let main = format!(
        "<div class='x1'><h1>Linen summer top</h1><p>Condition: used, worn twice, washed with care.</p>\
         <p>A light linen top with short sleeves and a round neck, cut loose for warm days.</p>\
         <p>Washed linen from a small mill, soft from the first wear, with a straight hem that sits on the hip.</p>\
         <p>Measurements: chest 104 cm, length 62 cm, sleeve 20 cm; machine wash cold, dry flat in the shade.</p>\
         <div class='x2'><ul class='x3'>{cards}</ul></div>\
         <p>Shipped folded in paper within two days; returns accepted within thirty days of delivery.</p></div>"
    );
    let b = body(PageType::Product, &page(&main));
    assert!(b.iter().any(|p| p.starts_with("A light linen top")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("blouse") || p.contains("positive")), "{b:?}");
    // The cards are the page: kept.
    let cards: String = (1..=12).map(card).collect();
    let b = body(PageType::Product, &page(&format!("<h1>Blouses</h1><ul class='x3'>{cards}</ul>")));
    assert!(b.iter().any(|p| p.contains("blouse size 7")), "{b:?}");
}

/// A label written twice side by side (once for the eye, once for screen readers) is
/// read once; a line that only repeats a word inside it is kept.
#[test]
fn a_products_labels_written_twice_are_read_once() {
    let main = "<div class='x1'><h1>Linen summer top</h1>\
        <p><span>Seller's other items</span><span class='sr'>Seller's other items</span></p>\
        <p><span>Brand New</span> <span class='sr'>Brand New</span></p>\
        <p>A light linen top with short sleeves and a round neck, cut loose for warm days, top to toe.</p></div>";
    let b = body(PageType::Product, &page(main));
    assert!(b.iter().any(|p| p == "Seller's other items"), "{b:?}");
    assert!(b.iter().any(|p| p == "Brand New"), "{b:?}");
    assert!(b.iter().any(|p| p.ends_with("top to toe.")), "{b:?}");
}

/// The product's description beside the shop's buy box holding nearly half of the
/// text: the column is the description.
#[test]
fn a_products_column_leaves_the_buy_box_beside_it() {
    let main = "<div class='buy'><p>Pay $50.00 a month with six months of financing on orders over $399, subject to approval.</p>\
        <p>No hassle returns within thirty days, and our sales engineers answer every call.</p></div>\
        <div class='about'><h2>About this amplifier</h2><p>A hand-wired valve amplifier with two channels, a spring reverb \
        and a master volume, voiced for clean tones.</p><p>The cabinet is birch plywood covered in tolex, with a twelve inch \
        speaker and a footswitch.</p></div>";
    let doc = Html::parse_document(&page(main));
    let p = Page { doc: &doc, base: None, rules: None };
    let b = product::extract(&p, &Table::build_for(&doc, product::READ, Some(&product::ASIDE))).paragraphs;
    assert!(b.iter().any(|p| p.starts_with("A hand-wired valve")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("financing") || p.contains("returns")), "{b:?}");
}

#[test]
fn shop_controls() {
    use super::product::control;
    for line in ["$20.00", "149 €", "1,980円", "₪ 49.90", "EUR 163.12", "Add to Cart", "In stock", "Quantity:"] {
        assert!(control(line), "{line}");
    }
    for line in ["300mg total CBD", "Weight 280 g", "2-Point synchronised tremolo", "Size 42", "20 items"] {
        assert!(!control(line), "{line}");
    }
}

#[test]
fn a_service_pages_panels_hidden_until_clicked_are_read() {
    let faq: String = [("How long does a repair take?", "Most repairs are done within two working days, parts in stock."),
        ("Do you fetch the bike?", "We fetch and bring back bikes in town for a small fee, booked by phone.")]
        .iter()
        .map(|(q, a)| format!("<div class='faq'><button>{q}</button><div class='accordion__body' style='display:none'><p>{a}</p></div></div>"))
        .collect();
    let main = format!(
        "<section><h2>Our workshop</h2><p>We repair bicycles of every kind, quickly and at a fair price, with parts we keep in stock.</p></section>\
         <section><h2>Questions</h2>{faq}</section><div style='display:none'><p>A hidden note that is no panel.</p></div>"
    );
    let b = body(PageType::Service, &page(&main));
    assert!(b.iter().any(|p| p.starts_with("Most repairs are done")), "{b:?}");
    assert!(b.iter().any(|p| p.starts_with("We fetch and bring back")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("hidden note")), "{b:?}");
}

/// A thread's posts: the same-shaped siblings; the light blocks between them (an ad, the
/// reply prompt) are left out, a box of replies between them is kept.
#[test]
fn forum_light_blocks_between_the_posts_are_left_out() {
    let post = |n: u32, class: &str| {
        format!(
            "<div class='{class}'><div class='who'>user{n}</div><div class='text'><p>Post {n}: {POST}</p></div></div>"
        )
    };
    let main = format!(
        "<h1>Chain slips on hills</h1><div class='posts'>{}<div class='ad-slot'>Sponsored: bike parts on sale</div>{}\
         <div class='replies'><p>Reply to post 2: {POST}</p><p>Another reply: {POST}</p></div>{}\
         <div class='prompt'>Log in to answer this thread</div></div>",
        post(1, "post js-post accepted-post"),
        post(2, "post js-post"),
        post(3, "post js-post"),
    );
    let b = body(PageType::Forum, &page(&main));
    let texts: Vec<&String> = b.iter().filter(|p| p.starts_with("Post ")).collect();
    assert_eq!(texts.len(), 3, "{b:?}");
    assert!(b.iter().any(|p| p.starts_with("Reply to post 2")), "{b:?}");
    assert!(!b.iter().any(|p| p.contains("Sponsored") || p.contains("Log in")), "{b:?}");
}

/// Shapes are the first two class words as written: a post marked after them (the
/// accepted answer) is one of the run.
#[test]
fn a_run_of_same_shaped_siblings_holds_the_marked_one() {
    let posts: String = (1..=3)
        .map(|n| {
            let class = if n == 1 { "answer js-answer accepted-answer" } else { "answer js-answer" };
            format!("<div class='{class}'><p>Answer {n}: {POST}</p></div>")
        })
        .collect();
    let doc = Html::parse_document(&format!("<html><body><div class='answers'>{posts}</div></body></html>"));
    let t = Table::build_for(&doc, Read::default(), None);
    let run = t.best_run(t.body, 0.0, blocks::Runs::ITEMS).expect("a run");
    assert_eq!(run.items.len(), 3, "{run:?}");
}

/// A menu of links is no run of items, however heavy.
#[test]
fn a_menu_of_links_is_no_run() {
    let menu: String =
        (1..=30).map(|n| format!("<li class='m'><a href='/c/{n}'>Category number {n} of the shop</a></li>")).collect();
    let doc = Html::parse_document(&format!("<html><body><ul>{menu}</ul><p>Text.</p></body></html>"));
    let t = Table::build_for(&doc, Read::default(), None);
    assert!(t.best_run(t.body, 0.3, blocks::Runs::ITEMS).is_none());
}

/// A page whose visible text is one control word and whose grid is hidden until a script
/// shows it: the hidden grid is read.
#[test]
fn a_page_with_scant_visible_text_reads_its_hidden_elements() {
    let cards: String = (1..=4)
        .map(|n| format!("<div class='card'><h3>Vintage poster number {n}</h3><p>A printed poster of the fifties, {n}0 by 70 cm, in a frame.</p></div>"))
        .collect();
    let html = format!(
        "<html><body><div class='bar'><a href='/s'>Advanced</a></div><div style='display:none'><div class='grid'>{cards}</div></div></body></html>"
    );
    let b = body(PageType::Collection, &html);
    assert!(b.iter().any(|p| p == "Vintage poster number 4"), "{b:?}");
}

/// A listing of very many items of one shape, each an inline label and value side by
/// side, under one parent: the run's items and the label/value look are each read once
/// (the look at an element's siblings stops at the third; whether a sibling is an item is
/// one search), so the page reads in linear time. Quadratic, 60,000 items took minutes.
#[test]
fn a_listing_of_very_many_items_is_read_in_linear_time() {
    let items: String = (0..60_000)
        .map(|n| format!("<div class='item'><span>Item {n}</span><span>value</span></div><b></b>"))
        .collect();
    let html = page(&format!("<h1>Everything</h1><div class='list'>{items}</div>"));
    let doc = Html::parse_document(&html);
    let p = Page { doc: &doc, base: None, rules: None };
    let started = std::time::Instant::now();
    let b = listing::extract(&p, &Table::build_for(&doc, Read::default(), None)).paragraphs;
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert!(b.iter().any(|p| p.contains("Item 59999 value")), "{:?}", b.last());
}

/// A listing that writes its items twice (a copy for small screens beside one for large
/// ones) and a thread whose later post quotes an earlier one: each line of three words or
/// more is written once, where it is first written; the items' short lines (a price, a
/// label) repeat in their own right and are all kept.
#[test]
fn a_repeated_line_of_the_items_is_written_once() {
    let items = |n: u32| -> String {
        (1..=n)
            .map(|k| {
                format!(
                    "<div class='item'><h2><a href='/story/{k}'>Story number {k} about the town council</a></h2>\
                     <p>Teaser {k}: the council met and decided to rebuild the bridge, residents said.</p><p>News</p></div>"
                )
            })
            .collect()
    };
    let main = format!("<h1>Town news</h1><div class='list'>{}</div><div class='list'>{}</div>", items(4), items(4));
    let b = body(PageType::Listing, &page(&main));
    for k in 1..=4 {
        assert_eq!(b.iter().filter(|p| p.starts_with(&format!("Teaser {k}:"))).count(), 1, "{b:?}");
    }
    assert_eq!(b.iter().filter(|p| *p == "News").count(), 8, "{b:?}");
    let post = |n: u32, quote: &str| {
        format!(
            "<div class='post'><div class='who'>user{n}</div><div class='text'>{quote}<p>Post {n}: {POST}</p></div></div>"
        )
    };
    let quote = format!("<blockquote><p>user1 said:</p><p>Post 1: {POST}</p></blockquote>");
    let main = format!("<h1>Chain slips on hills</h1>{}{}{}", post(1, ""), post(2, &quote), post(3, ""));
    let b = body(PageType::Forum, &page(&main));
    assert_eq!(b.iter().filter(|p| p.starts_with("Post 1:")).count(), 1, "{b:?}");
    assert!(b.iter().position(|p| p.starts_with("Post 1:")) < b.iter().position(|p| p == "user2"), "{b:?}");
    let mut lines: Vec<String> = ["a b c", "x", "a b c", "x", "d e f g"].map(String::from).to_vec();
    blocks::once(&mut lines, blocks::REPEAT, true);
    assert_eq!(lines, ["x", "a b c", "x", "d e f g"]);
}

/// A thread's author panels count each poster's posts and joining year: lines that differ
/// from post to post only in their figures are item chrome too; the posts' own lines
/// (names, their text) are kept, and so are a listing's figured lines (its prices).
#[test]
fn a_posts_author_panel_counts_are_item_chrome() {
    let posts: String = (1..=4)
        .map(|n| {
            format!(
                "<div class='post'><div class='side'><div>user{n}</div><div>Posts: {n},0{n}2</div><div>{n}{n} posts · Joined 20{n}0</div></div>\
                 <div class='text'><p>Post {n}: {POST}</p></div></div>"
            )
        })
        .collect();
    let b = body(PageType::Forum, &page(&format!("<h1>Chain slips on hills</h1>{posts}")));
    assert_eq!(b.iter().filter(|p| p.starts_with("Post ")).count(), 4, "{b:?}");
    assert!(b.iter().any(|p| p == "user3"), "{b:?}");
    assert!(!b.iter().any(|p| p.starts_with("Posts:") || p.contains("Joined")), "{b:?}");
    let items: String = (1..=4)
        .map(|n| {
            format!(
                "<div class='item'><h2><a href='/p/{n}'>Poster number {n} of the old town</a></h2>\
                 <p>A printed poster of the fifties, in a wooden frame, signed by the artist.</p><p>Price: {n}9.00</p></div>"
            )
        })
        .collect();
    let b = body(PageType::Listing, &page(&format!("<h1>Posters</h1><div class='list'>{items}</div>")));
    assert!(b.iter().any(|p| p == "Price: 39.00"), "{b:?}");
}

/// A long thread whose posts show a line on some of them only (a quote button on the
/// posts that can be quoted): a fifth of the posts repeating it makes it item chrome.
#[test]
fn a_line_on_a_fifth_of_the_posts_is_item_chrome() {
    let posts: String = (1..=15)
        .map(|n| {
            let quote = if n % 5 == 0 { "<div>Quote this post</div>" } else { "" };
            format!("<div class='post'><div>user{n}</div><div class='text'><p>Post {n}: {POST}</p></div>{quote}</div>")
        })
        .collect();
    let b = body(PageType::Forum, &page(&format!("<h1>Chain slips on hills</h1>{posts}")));
    assert_eq!(b.iter().filter(|p| p.starts_with("Post ")).count(), 15, "{b:?}");
    assert!(!b.iter().any(|p| p == "Quote this post"), "{b:?}");
}

/// A landing page of sibling sections (a hero, a heavier block of features that holds more
/// than 60% but less than 80% of the text, a testimonial): the service reader keeps them
/// all, in order, not the heaviest section alone.
#[test]
fn a_service_page_keeps_its_sibling_sections() {
    let feature = |n: usize| {
        format!(
            "<div class='card'><h3>Feature {n}</h3><div class='text'><span>Deploy your code from the repository \
             and the platform builds, scales and watches it for you, number {n}.</span></div></div>"
        )
    };
    let features: String = (1..=10).map(feature).collect();
    let hero = "<div class='hero'><h2>Your fastest path to production</h2><div class='lead'><span>Intuitive \
        infrastructure to scale any app from your first user to your billionth, with previews, \
        rollbacks and monitoring built in.</span></div><div class='lead'><span>Trusted by teams of every \
        size, from a weekend project to a bank with a thousand engineers.</span></div></div>";
    let quote = "<p>They moved our whole shop to the platform in a week, and we have not thought about \
        servers since; the bill is smaller too.</p>";
    let html = page(&format!(
        "<div class='sections'>{hero}<div class='features'>{features}</div><div class='quotes'>{quote}{quote}</div></div>"
    ));
    // The service reader's column (the article scoring, which may keep all or only the
    // quotes, aside).
    let doc = Html::parse_document(&html);
    let page = Page { doc: &doc, base: None, rules: None };
    let b = service::extract(&page, &Table::build_for(&doc, PANELS, None)).paragraphs;
    let at = |s: &str| b.iter().position(|p| p.contains(s));
    assert!(at("Intuitive infrastructure").is_some(), "{b:?}");
    assert!(at("number 6").is_some(), "{b:?}");
    assert!(at("Intuitive infrastructure") < at("number 1."), "{b:?}");
}

/// A section written twice (for small and for large screens) is kept once, in its first
/// place.
#[test]
fn a_service_page_keeps_one_copy_of_a_repeated_section() {
    let section = "<div class='block'><h2>Marketing that delivers results</h2><p>For years we have helped \
        millions of businesses get more opens, clicks and sales from every campaign they send.</p></div>";
    let html = page(&format!(
        "<div class='mobile'>{section}</div><div class='desktop'>{section}</div>\
         <div class='block'><h2>Pricing</h2><p>Start free, then pay as your list of contacts grows, month by month.</p></div>"
    ));
    let b = body(PageType::Service, &html);
    assert_eq!(b.iter().filter(|p| p.starts_with("For years")).count(), 1, "{b:?}");
    assert_eq!(b.iter().filter(|p| *p == "Marketing that delivers results").count(), 1, "{b:?}");
    assert!(
        b.iter().position(|p| p.starts_with("For years")) < b.iter().position(|p| p.starts_with("Start free")),
        "{b:?}"
    );
}

/// The cards of other products are looked for in linear time: a block of 60,000
/// children of as many shapes (a machine-made class each).
#[test]
fn a_products_cards_are_found_in_linear_time() {
    let items: String =
        (0..60_000).map(|n| format!("<div class='k{n}'><a href='/{n}'>Item {n}</a> $ {n}.00</div>")).collect();
    let html = page(&format!("<h1>Everything</h1><div class='list'>{items}</div>"));
    let doc = Html::parse_document(&html);
    let mut t = Table::build_for(&doc, product::READ, Some(&product::ASIDE));
    let started = std::time::Instant::now();
    product::leave_out_cards(&doc, &mut t);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert!(t.blocks.iter().all(|b| !b.aside), "no run of one shape");
}
